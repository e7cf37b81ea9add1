// Ids and keys of datasets/default.json that tests may rely on (the dataset generator uses the same fid()).

/** Mnemonic but Close-shaped ids: `lead_initech` padded with zeros to 43 (22 for pipe_) characters. */
export function fid(prefix: string, slug: string): string {
  const length = prefix === 'pipe' ? 22 : 43;
  const body = slug.replace(/[^A-Za-z0-9]/g, '');
  if (body.length > length) throw new Error(`slug too long: ${slug}`);
  return `${prefix}_${body.padEnd(length, '0')}`;
}

export const KEYS = {
  /** Ada Lovelace @ Acme Sales */
  acme: 'api_test_acme',
  /** Grace Hopper @ Acme Sales */
  acmeGrace: 'api_test_acme_grace',
  /** Ada Lovelace @ Globex Partners (same user, other organization) */
  globex: 'api_test_globex',
} as const;

export const IDS = {
  users: {
    ada: fid('user', 'AdaLovelace'),
    grace: fid('user', 'GraceHopper'),
    alan: fid('user', 'AlanTuring'),
  },
  orgs: { acme: fid('orga', 'AcmeSales'), globex: fid('orga', 'GlobexPartners') },
  leads: {
    initech: fid('lead', 'initech'),
    umbrella: fid('lead', 'umbrella'),
    hooli: fid('lead', 'hooli'),
    massiveDynamic: fid('lead', 'massiveDynamic'),
    vandelay: fid('lead', 'vandelay'),
    cyberdyne: fid('lead', 'cyberdyne'),
    janeDoe: fid('lead', 'janeDoe'),
    nameless: fid('lead', 'nameless'),
    soylent: fid('lead', 'soylent'),
    globexInitech: fid('lead', 'globexInitech'),
    globexWonka: fid('lead', 'globexWonka'),
    globexTyrell: fid('lead', 'globexTyrell'),
  },
  contacts: {
    peter: fid('cont', 'initechPeter'),
    bill: fid('cont', 'initechBill'),
    michael: fid('cont', 'initechMichael'),
    milton: fid('cont', 'initechMilton'),
    albert: fid('cont', 'umbrellaAlbert'),
    adaWong: fid('cont', 'umbrellaAda'),
    gavin: fid('cont', 'hooliGavin'),
    nina: fid('cont', 'massiveNina'),
    kim: fid('cont', 'namelessKim'),
    jane: fid('cont', 'janeDoe'),
    globexPeter: fid('cont', 'globexInitechPeter'),
  },
  opportunities: {
    initechPlatform: fid('oppo', 'initechPlatform'),
    initechSupport: fid('oppo', 'initechSupport'),
    umbrellaResearch: fid('oppo', 'umbrellaResearch'),
    hooliWon: fid('oppo', 'hooliWon'),
    hooliLost: fid('oppo', 'hooliLost'),
    cyberdyneDemo: fid('oppo', 'cyberdyneDemo'),
    soylentRenewed: fid('oppo', 'soylentRenewed'),
    globexInitechReseller: fid('oppo', 'globexInitechReseller'),
  },
  activities: {
    initechNotePlain: fid('acti', 'initechNotePlain'),
    initechNoteRich: fid('acti', 'initechNoteRich'),
    initechCall: fid('acti', 'initechCall'),
    initechEmailIn: fid('acti', 'initechEmailIn'),
    initechEmailOut: fid('acti', 'initechEmailOut'),
    initechSms: fid('acti', 'initechSms'),
    initechStatusChange: fid('acti', 'initechStatusChange'),
    initechCreated: fid('acti', 'initechCreated'),
    /** Email whose body_html carries <script>, onerror=, javascript: and onclick= payloads. */
    umbrellaHostileEmail: fid('acti', 'umbrellaHostileEmail'),
    umbrellaNote: fid('acti', 'umbrellaNote'),
    hooliOppStatus: fid('acti', 'hooliOppStatus'),
  },
  leadStatuses: {
    potential: fid('stat', 'acmeLeadPotential'),
    qualified: fid('stat', 'acmeLeadQualified'),
    customer: fid('stat', 'acmeLeadCustomer'),
    badFit: fid('stat', 'acmeLeadBadFit'),
    globexNew: fid('stat', 'globexLeadNew'),
    globexContacted: fid('stat', 'globexLeadContacted'),
    globexPartner: fid('stat', 'globexLeadPartner'),
  },
  opportunityStatuses: {
    discovery: fid('stat', 'acmeOppDiscovery'),
    demoScheduled: fid('stat', 'acmeOppDemoScheduled'),
    proposalSent: fid('stat', 'acmeOppProposalSent'),
    won: fid('stat', 'acmeOppWon'),
    lost: fid('stat', 'acmeOppLost'),
    renewalDue: fid('stat', 'acmeOppRenewalDue'),
    renewed: fid('stat', 'acmeOppRenewed'),
    churned: fid('stat', 'acmeOppChurned'),
    globexIntro: fid('stat', 'globexOppIntro'),
    globexNegotiation: fid('stat', 'globexOppNegotiation'),
    globexSigned: fid('stat', 'globexOppSigned'),
    globexDropped: fid('stat', 'globexOppDropped'),
  },
  pipelines: {
    sales: fid('pipe', 'acmeSales'),
    renewals: fid('pipe', 'acmeRenewals'),
    globexPartnerships: fid('pipe', 'globexPartnerships'),
  },
  customFields: {
    industry: fid('cf', 'acmeIndustry'),
    regions: fid('cf', 'acmeRegions'),
    employees: fid('cf', 'acmeEmployees'),
    globexTier: fid('cf', 'globexPartnerTier'),
    globexManager: fid('cf', 'globexAccountManager'),
  },
} as const;
