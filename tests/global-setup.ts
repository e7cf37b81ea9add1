// Says once per run whether the optional comparison with the real Close recordings runs.
import { RECORDED } from './support/close-responses';

export default function announceRecordings(): void {
  console.log(
    RECORDED
      ? `Close responses: fixtures and the real recordings in ${RECORDED.dir}.`
      : 'Close responses: ../shared/close-recorded not found; comparing with tests/fixtures/close-responses only (the extra check against the real recordings did not run).',
  );
}
