// The one shape of an email address that crosses a boundary: readers emit only addresses that match
// it and the message schema (utils/page-snapshot.ts) accepts exactly these. No dependencies, so
// content scripts can share it without pulling in valibot.

/**
 * ASCII local part (dot-atoms of letters, digits, `_ + -`), then DNS labels (no leading/trailing
 * hyphen, so `xn--bcher-kva` punycode labels pass) and a TLD of letters or a punycode TLD
 * (`xn--p1ai`). Valibot's `v.email()` rejected every `xn--` domain.
 */
export const EMAIL_SHAPE =
  /^[\w+-]+(?:\.[\w+-]+)*@(?:[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?\.)+(?:[a-z]{2,63}|xn--[a-z\d-]{1,59})$/i;
