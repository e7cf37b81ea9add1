// Writes default.json (compact, for tests) and demo.json (richer, for `npm run fake-close` / demo).
// Run: node --experimental-strip-types tests/close-fake/datasets/generate.ts
// The JSON files are the source of truth for tests; regenerate only on purpose and review the diff.

import { writeFileSync } from 'node:fs';
import { fid } from '@/tests/close-fake/known-ids.ts';
import type {
  Dataset,
  DatasetActivity,
  DatasetContact,
  DatasetLead,
  DatasetOpportunity,
  DatasetOrganization,
} from '@/tests/close-fake/types.ts';

const T = (day: string, time = '09:00:00') => `${day}T${time}.000000+00:00`;

// ---------------------------------------------------------------------------
// default.json
// ---------------------------------------------------------------------------

const ADA = fid('user', 'AdaLovelace');
const GRACE = fid('user', 'GraceHopper');
const ALAN = fid('user', 'AlanTuring');
const ACME = fid('orga', 'AcmeSales');
const GLOBEX = fid('orga', 'GlobexPartners');

const acmeLeadStatus = {
  potential: fid('stat', 'acmeLeadPotential'),
  qualified: fid('stat', 'acmeLeadQualified'),
  customer: fid('stat', 'acmeLeadCustomer'),
  badFit: fid('stat', 'acmeLeadBadFit'),
};
const acmeOpp = {
  discovery: fid('stat', 'acmeOppDiscovery'),
  demo: fid('stat', 'acmeOppDemoScheduled'),
  proposal: fid('stat', 'acmeOppProposalSent'),
  won: fid('stat', 'acmeOppWon'),
  lost: fid('stat', 'acmeOppLost'),
  renewalDue: fid('stat', 'acmeOppRenewalDue'),
  renewed: fid('stat', 'acmeOppRenewed'),
  churned: fid('stat', 'acmeOppChurned'),
};
const CF_INDUSTRY = fid('cf', 'acmeIndustry');
const CF_REGIONS = fid('cf', 'acmeRegions');
const CF_EMPLOYEES = fid('cf', 'acmeEmployees');

const HOSTILE_HTML =
  '<div><p>Hi Ada,</p><p>Please find the quarterly numbers below.</p>' +
  '<script>window.__closeLookXss = "script";alert("xss-script")</script>' +
  '<img src="x" onerror="window.__closeLookXss = \'onerror\';alert(\'xss-onerror\')">' +
  '<a href="javascript:alert(\'xss-href\')">Open the report</a>' +
  '<iframe src="https://evil.example/frame"></iframe>' +
  '<p style="color:red" onclick="alert(\'xss-onclick\')">Regards,<br>Albert</p></div>';

const initech: DatasetLead = {
  id: fid('lead', 'initech'),
  name: 'Initech',
  description: 'Enterprise software; TPS report automation.',
  url: 'https://initech.com',
  status_id: acmeLeadStatus.qualified,
  date_created: T('2024-05-01'),
  date_updated: T('2024-06-10', '15:30:00'),
  addresses: [
    {
      label: 'business',
      address_1: '4120 Freidrich Lane',
      address_2: null,
      city: 'Austin',
      state: 'TX',
      zipcode: '78744',
      country: 'US',
    },
  ],
  custom: { [CF_INDUSTRY]: 'Software', [CF_REGIONS]: ['NA'], [CF_EMPLOYEES]: 250 },
  contacts: [
    {
      id: fid('cont', 'initechPeter'),
      name: 'Peter Gibbons',
      title: 'Software Engineer',
      emails: [{ email: 'peter@initech.com', type: 'office' }],
      phones: [{ phone: '5125550142', type: 'office' }],
      urls: [{ url: 'https://www.linkedin.com/in/peter-gibbons-initech', type: 'url' }],
    },
    {
      id: fid('cont', 'initechBill'),
      name: 'Bill Lumbergh',
      title: 'Division Vice President',
      emails: [
        { email: 'bill@initech.com', type: 'office' },
        { email: 'bill.lumbergh@gmail.com', type: 'home' },
      ],
      phones: [{ phone: '+1 (512) 555-0199', type: 'mobile' }],
    },
    {
      id: fid('cont', 'initechMichael'),
      name: 'Michael Bolton',
      title: 'Software Engineer',
      emails: [{ email: 'Michael.Bolton@Initech.com', type: 'office' }],
    },
    {
      id: fid('cont', 'initechMilton'),
      name: 'Milton Waddams',
      title: 'Collator',
      emails: [{ email: 'milton@initech.com', type: 'office', is_unsubscribed: true }],
    },
  ],
  opportunities: [
    {
      id: fid('oppo', 'initechPlatform'),
      status_id: acmeOpp.proposal,
      value: 1200000,
      value_period: 'one_time',
      confidence: 60,
      user_id: ADA,
      contact_id: fid('cont', 'initechBill'),
      note: 'Platform licence for the TPS team.',
      date_created: T('2024-05-03'),
    },
    {
      id: fid('oppo', 'initechSupport'),
      status_id: acmeOpp.renewalDue,
      value: 50000,
      value_period: 'monthly',
      confidence: 80,
      user_id: GRACE,
      contact_id: fid('cont', 'initechPeter'),
      note: 'Premium support add-on.',
      date_created: T('2024-05-20'),
    },
  ],
  tasks: [
    {
      id: fid('task', 'initechProposal'),
      text: 'Send the revised proposal to Bill',
      date: '2024-06-14',
      assigned_to: ADA,
      date_created: T('2024-06-10'),
    },
  ],
  activities: [
    {
      id: fid('acti', 'initechCreated'),
      _type: 'Created',
      activity_at: T('2024-05-01'),
    },
    {
      id: fid('acti', 'initechStatusChange'),
      _type: 'LeadStatusChange',
      activity_at: T('2024-05-02', '10:00:00'),
      old_status_id: acmeLeadStatus.potential,
      old_status_label: 'Potential',
      new_status_id: acmeLeadStatus.qualified,
      new_status_label: 'Qualified',
    },
    {
      id: fid('acti', 'initechNotePlain'),
      _type: 'Note',
      activity_at: T('2024-05-05', '11:00:00'),
      note: 'Peter says the team is drowning in TPS reports.\nFollow up next week.',
      note_html:
        '<body><p>Peter says the team is drowning in TPS reports.</p><p>Follow up next week.</p></body>',
      contact_id: fid('cont', 'initechPeter'),
    },
    {
      id: fid('acti', 'initechCall'),
      _type: 'Call',
      activity_at: T('2024-05-08', '14:00:00'),
      contact_id: fid('cont', 'initechPeter'),
      direction: 'outbound',
      status: 'completed',
      duration: 312,
      phone: '+15125550142',
      remote_phone: '+15125550142',
      remote_phone_formatted: '+1 512-555-0142',
      remote_country_iso: 'US',
      local_phone: '+14155550100',
      local_phone_formatted: '+1 415-555-0100',
      local_country_iso: 'US',
      note: 'Walked through the demo; wants pricing.',
      note_html: '<body><p>Walked through the demo; wants pricing.</p></body>',
    },
    {
      id: fid('acti', 'initechEmailIn'),
      _type: 'Email',
      activity_at: T('2024-05-10', '08:15:00'),
      contact_id: fid('cont', 'initechBill'),
      direction: 'incoming',
      status: 'inbox',
      subject: 'Re: Pricing for Initech',
      sender: 'Bill Lumbergh <bill@initech.com>',
      to: ['Ada Lovelace <ada@acme-sales.example>'],
      cc: ['peter@initech.com'],
      body_text:
        "Yeah, hi Ada. If you could go ahead and send the pricing by Friday, that'd be great.\n\nBill",
      body_html:
        "<div><p>Yeah, hi Ada. If you could go ahead and send the pricing by Friday, that'd be great.</p><p>Bill</p></div>",
      date_sent: T('2024-05-10', '08:15:00'),
      thread_id: fid('acti', 'initechThread'),
    },
    {
      id: fid('acti', 'initechEmailOut'),
      _type: 'Email',
      activity_at: T('2024-05-10', '16:40:00'),
      contact_id: fid('cont', 'initechBill'),
      direction: 'outgoing',
      status: 'sent',
      subject: 'Pricing for Initech',
      sender: 'Ada Lovelace <ada@acme-sales.example>',
      to: ['bill@initech.com'],
      cc: [],
      body_text: 'Hi Bill,\n\nPricing attached.\n\nAda',
      body_html: '<div><p>Hi Bill,</p><p>Pricing attached.</p><p>Ada</p></div>',
      date_sent: T('2024-05-10', '16:40:00'),
      thread_id: fid('acti', 'initechThread'),
    },
    {
      id: fid('acti', 'initechSms'),
      _type: 'SMS',
      activity_at: T('2024-05-12', '12:00:00'),
      contact_id: fid('cont', 'initechPeter'),
      direction: 'inbound',
      status: 'inbox',
      text: 'Got the slides, thanks!',
      remote_phone: '+15125550142',
      remote_phone_formatted: '+1 512-555-0142',
      remote_country_iso: 'US',
      local_phone: '+14155550100',
      local_phone_formatted: '+1 415-555-0100',
      local_country_iso: 'US',
      date_sent: T('2024-05-12', '12:00:00'),
    },
    {
      id: fid('acti', 'initechNoteRich'),
      _type: 'Note',
      activity_at: T('2024-06-10', '15:30:00'),
      note: 'Decision by end of June.\nBudget approved',
      note_html:
        '<body><p>Decision by <b>end of June</b>.</p><ul><li>Budget approved</li></ul></body>',
    },
  ],
};

const umbrella: DatasetLead = {
  id: fid('lead', 'umbrella'),
  name: 'Umbrella Corp',
  description: 'Pharmaceuticals. Handle with care.',
  url: 'https://umbrella-corp.com',
  status_id: acmeLeadStatus.potential,
  date_created: T('2024-05-15'),
  custom: { [CF_INDUSTRY]: 'Healthcare', [CF_REGIONS]: ['EMEA', 'NA'] },
  contacts: [
    {
      id: fid('cont', 'umbrellaAlbert'),
      name: 'Albert Wesker',
      title: 'Head of Research',
      emails: [{ email: 'albert.wesker@umbrella-corp.com', type: 'office' }],
      phones: [{ phone: '+44 20 7946 0958', type: 'office' }],
    },
    {
      id: fid('cont', 'umbrellaAda'),
      name: 'Ada Wong',
      title: 'Procurement',
      emails: [{ email: 'ada.wong@umbrella-corp.com', type: 'office' }],
    },
  ],
  opportunities: [
    {
      id: fid('oppo', 'umbrellaResearch'),
      status_id: acmeOpp.discovery,
      value: 4500000,
      value_period: 'annual',
      value_currency: 'EUR',
      confidence: 25,
      user_id: ADA,
      contact_id: fid('cont', 'umbrellaAlbert'),
      note: 'Research data platform, EU entity.',
      date_created: T('2024-05-16'),
    },
  ],
  activities: [
    {
      id: fid('acti', 'umbrellaHostileEmail'),
      _type: 'Email',
      activity_at: T('2024-05-18', '07:00:00'),
      contact_id: fid('cont', 'umbrellaAlbert'),
      direction: 'incoming',
      status: 'inbox',
      subject: 'Quarterly numbers <script>alert("subject")</script>',
      sender: 'Albert Wesker <albert.wesker@umbrella-corp.com>',
      to: ['ada@acme-sales.example'],
      cc: [],
      body_text: 'Hi Ada,\nPlease find the quarterly numbers below.\nRegards,\nAlbert',
      body_html: HOSTILE_HTML,
      date_sent: T('2024-05-18', '07:00:00'),
    },
    {
      id: fid('acti', 'umbrellaNote'),
      _type: 'Note',
      activity_at: T('2024-05-19'),
      note: 'Albert asked for an on-site visit in Raccoon City.',
      note_html: '<body><p>Albert asked for an on-site visit in Raccoon City.</p></body>',
    },
  ],
};

const hooli: DatasetLead = {
  id: fid('lead', 'hooli'),
  name: 'Hooli',
  description: 'Making the world a better place.',
  url: 'https://www.hooli.xyz/',
  status_id: acmeLeadStatus.customer,
  date_created: T('2024-03-01'),
  custom: { [CF_INDUSTRY]: 'Software', [CF_EMPLOYEES]: 30000 },
  contacts: [
    {
      id: fid('cont', 'hooliGavin'),
      name: 'Gavin Belson',
      title: 'CEO',
      emails: [{ email: 'gavin@hooli.xyz', type: 'office' }],
      phones: [{ phone: '650-555-0111', type: 'office' }],
    },
  ],
  opportunities: [
    {
      id: fid('oppo', 'hooliWon'),
      status_id: acmeOpp.won,
      value: 25000000,
      value_period: 'one_time',
      confidence: 100,
      user_id: GRACE,
      date_won: '2024-03-15',
      date_created: T('2024-03-02'),
    },
    {
      id: fid('oppo', 'hooliLost'),
      status_id: acmeOpp.lost,
      value: 3000000,
      value_period: 'one_time',
      confidence: 0,
      user_id: ADA,
      date_lost: T('2024-04-01'),
      date_created: T('2024-03-05'),
    },
  ],
  activities: [
    {
      id: fid('acti', 'hooliOppStatus'),
      _type: 'OpportunityStatusChange',
      activity_at: T('2024-03-15'),
      opportunity_id: fid('oppo', 'hooliWon'),
      old_status_id: acmeOpp.proposal,
      old_status_label: 'Proposal Sent',
      old_status_type: 'active',
      new_status_id: acmeOpp.won,
      new_status_label: 'Won',
      new_status_type: 'won',
    },
  ],
};

const massive: DatasetLead = {
  id: fid('lead', 'massiveDynamic'),
  name: 'Massive Dynamic',
  description: 'No url on the lead: only contact emails carry the domain.',
  url: null,
  status_id: acmeLeadStatus.potential,
  date_created: T('2024-04-10'),
  contacts: [
    {
      id: fid('cont', 'massiveNina'),
      name: 'Nina Sharp',
      title: 'COO',
      emails: [{ email: 'nina@massivedynamic.com', type: 'office' }],
    },
  ],
};

const vandelay: DatasetLead = {
  id: fid('lead', 'vandelay'),
  name: 'Vandelay Industries',
  description: 'Importer/exporter.',
  url: 'http://vandelay.com',
  status_id: acmeLeadStatus.badFit,
  date_created: T('2024-02-01'),
  contacts: [
    {
      id: fid('cont', 'vandelayArt'),
      name: 'Art Vandelay',
      title: 'Importer',
      emails: [{ email: 'art@vandelay.com', type: 'office' }],
    },
  ],
};

const cyberdyne: DatasetLead = {
  id: fid('lead', 'cyberdyne'),
  name: 'Cyberdyne Systems',
  url: 'https://cyberdyne.com',
  status_id: acmeLeadStatus.qualified,
  date_created: T('2024-04-20'),
  custom: { [CF_INDUSTRY]: 'Manufacturing' },
  contacts: [
    {
      id: fid('cont', 'cyberdyneMiles'),
      name: 'Miles Dyson',
      title: 'Director of Special Projects',
      emails: [{ email: 'miles.dyson@cyberdyne.com', type: 'office' }],
      phones: [{ phone: '(213) 555-0188', type: 'office' }],
    },
  ],
  opportunities: [
    {
      id: fid('oppo', 'cyberdyneDemo'),
      status_id: acmeOpp.demo,
      value: 7500000,
      value_period: 'annual',
      confidence: 40,
      user_id: ADA,
      date_created: T('2024-04-21'),
    },
  ],
};

const janeDoe: DatasetLead = {
  id: fid('lead', 'janeDoe'),
  name: 'Jane Doe',
  description:
    'A person-lead with a freemail address (gmail.com must not match as a company domain).',
  url: null,
  status_id: acmeLeadStatus.potential,
  date_created: T('2024-05-25'),
  contacts: [
    {
      id: fid('cont', 'janeDoe'),
      name: 'Jane Doe',
      emails: [{ email: 'jane.doe@gmail.com', type: 'home' }],
    },
  ],
};

const nameless: DatasetLead = {
  id: fid('lead', 'nameless'),
  name: null,
  url: null,
  status_id: acmeLeadStatus.potential,
  date_created: T('2024-01-15'),
  contacts: [
    {
      id: fid('cont', 'namelessKim'),
      name: 'Kim Nobody',
      emails: [{ email: 'kim@nobody.example', type: 'office' }],
    },
  ],
};

const soylent: DatasetLead = {
  id: fid('lead', 'soylent'),
  name: 'Soylent Corp',
  url: 'https://soylent.com',
  status_id: acmeLeadStatus.customer,
  date_created: T('2023-11-01'),
  custom: { [CF_INDUSTRY]: 'Retail', [CF_REGIONS]: ['APAC'] },
  contacts: [
    {
      id: fid('cont', 'soylentThorn'),
      name: 'Robert Thorn',
      title: 'Buyer',
      emails: [{ email: 'thorn@soylent.com', type: 'office' }],
    },
  ],
  opportunities: [
    {
      id: fid('oppo', 'soylentRenewed'),
      status_id: acmeOpp.renewed,
      value: 120000,
      value_period: 'monthly',
      confidence: 100,
      user_id: GRACE,
      date_won: '2024-01-10',
      date_created: T('2023-12-01'),
    },
  ],
};

const acme: DatasetOrganization = {
  id: ACME,
  name: 'Acme Sales',
  currency: 'USD',
  phone_country: 'US',
  date_created: T('2021-03-04'),
  memberships: [
    {
      id: fid('memb', 'acmeAda'),
      user_id: ADA,
      role_id: 'admin',
      permissions_granted: ['bulk_edit', 'export'],
    },
    { id: fid('memb', 'acmeGrace'), user_id: GRACE, role_id: 'user' },
  ],
  lead_statuses: [
    { id: acmeLeadStatus.potential, label: 'Potential' },
    { id: acmeLeadStatus.qualified, label: 'Qualified' },
    { id: acmeLeadStatus.customer, label: 'Customer' },
    { id: acmeLeadStatus.badFit, label: 'Bad Fit' },
  ],
  pipelines: [
    {
      id: fid('pipe', 'acmeSales'),
      name: 'Sales',
      date_created: '2021-03-04T09:12:40.001000',
      statuses: [
        { id: acmeOpp.discovery, label: 'Discovery', type: 'active' },
        { id: acmeOpp.demo, label: 'Demo Scheduled', type: 'active' },
        { id: acmeOpp.proposal, label: 'Proposal Sent', type: 'active' },
        { id: acmeOpp.won, label: 'Won', type: 'won' },
        { id: acmeOpp.lost, label: 'Lost', type: 'lost' },
      ],
    },
    {
      id: fid('pipe', 'acmeRenewals'),
      name: 'Renewals',
      date_created: '2022-01-10T12:00:00.000000',
      statuses: [
        { id: acmeOpp.renewalDue, label: 'Renewal Due', type: 'active' },
        { id: acmeOpp.renewed, label: 'Renewed', type: 'won' },
        { id: acmeOpp.churned, label: 'Churned', type: 'lost' },
      ],
    },
  ],
  lead_custom_fields: [
    {
      id: CF_INDUSTRY,
      name: 'Industry',
      type: 'choices',
      choices: ['Software', 'Manufacturing', 'Finance', 'Healthcare', 'Retail'],
      description: 'Primary industry of the company',
    },
    {
      id: CF_REGIONS,
      name: 'Regions',
      type: 'choices',
      choices: ['NA', 'EMEA', 'APAC', 'LATAM'],
      accepts_multiple_values: true,
    },
    { id: CF_EMPLOYEES, name: 'Employees', type: 'number' },
  ],
  leads: [initech, umbrella, hooli, massive, vandelay, cyberdyne, janeDoe, nameless, soylent],
};

const globexLeadStatus = {
  new: fid('stat', 'globexLeadNew'),
  contacted: fid('stat', 'globexLeadContacted'),
  partner: fid('stat', 'globexLeadPartner'),
};
const globexOpp = {
  intro: fid('stat', 'globexOppIntro'),
  negotiation: fid('stat', 'globexOppNegotiation'),
  signed: fid('stat', 'globexOppSigned'),
  dropped: fid('stat', 'globexOppDropped'),
};
const CF_TIER = fid('cf', 'globexPartnerTier');
const CF_MANAGER = fid('cf', 'globexAccountManager');

const globex: DatasetOrganization = {
  id: GLOBEX,
  name: 'Globex Partners',
  currency: 'GBP',
  phone_country: 'GB',
  date_created: T('2022-06-01'),
  memberships: [
    { id: fid('memb', 'globexAda'), user_id: ADA, role_id: 'admin' },
    { id: fid('memb', 'globexAlan'), user_id: ALAN, role_id: 'user' },
  ],
  lead_statuses: [
    { id: globexLeadStatus.new, label: 'New' },
    { id: globexLeadStatus.contacted, label: 'Contacted' },
    { id: globexLeadStatus.partner, label: 'Partner' },
  ],
  pipelines: [
    {
      id: fid('pipe', 'globexPartnerships'),
      name: 'Partnerships',
      date_created: '2022-06-01T09:00:00.000000',
      statuses: [
        { id: globexOpp.intro, label: 'Intro', type: 'active' },
        { id: globexOpp.negotiation, label: 'Negotiation', type: 'active' },
        { id: globexOpp.signed, label: 'Signed', type: 'won' },
        { id: globexOpp.dropped, label: 'Dropped', type: 'lost' },
      ],
    },
  ],
  lead_custom_fields: [
    { id: CF_TIER, name: 'Partner Tier', type: 'choices', choices: ['Gold', 'Silver', 'Bronze'] },
    { id: CF_MANAGER, name: 'Account Manager', type: 'text' },
  ],
  leads: [
    {
      id: fid('lead', 'globexInitech'),
      name: 'Initech UK',
      description: "Same domain and contact email as Acme's Initech, but in another organization.",
      url: 'https://initech.com',
      status_id: globexLeadStatus.contacted,
      date_created: T('2024-04-01'),
      custom: { [CF_TIER]: 'Silver', [CF_MANAGER]: 'Alan Turing' },
      contacts: [
        {
          id: fid('cont', 'globexInitechPeter'),
          name: 'Peter Gibbons',
          title: 'Partner contact',
          emails: [{ email: 'peter@initech.com', type: 'office' }],
          phones: [{ phone: '020 7946 0000', type: 'office' }],
        },
      ],
      opportunities: [
        {
          id: fid('oppo', 'globexInitechReseller'),
          status_id: globexOpp.negotiation,
          value: 900000,
          value_period: 'annual',
          confidence: 50,
          user_id: ALAN,
          date_created: T('2024-04-02'),
        },
      ],
      activities: [
        {
          id: fid('acti', 'globexInitechNote'),
          _type: 'Note',
          activity_at: T('2024-04-03'),
          note: 'UK reseller talks started.',
          note_html: '<body><p>UK reseller talks started.</p></body>',
        },
      ],
    },
    {
      id: fid('lead', 'globexWonka'),
      name: 'Wonka Industries',
      url: 'https://wonka.co.uk',
      status_id: globexLeadStatus.partner,
      date_created: T('2023-09-01'),
      custom: { [CF_TIER]: 'Gold' },
      contacts: [
        {
          id: fid('cont', 'globexWonkaCharlie'),
          name: 'Charlie Bucket',
          title: 'Heir',
          emails: [{ email: 'charlie@wonka.co.uk', type: 'office' }],
        },
      ],
      opportunities: [
        {
          id: fid('oppo', 'globexWonkaSigned'),
          status_id: globexOpp.signed,
          value: 2500000,
          value_period: 'one_time',
          confidence: 100,
          date_won: '2023-10-01',
          date_created: T('2023-09-02'),
        },
      ],
    },
    {
      id: fid('lead', 'globexTyrell'),
      name: 'Tyrell Corporation',
      url: 'https://tyrellcorp.com',
      status_id: globexLeadStatus.new,
      date_created: T('2024-05-30'),
      contacts: [
        {
          id: fid('cont', 'globexTyrellEldon'),
          name: 'Eldon Tyrell',
          title: 'Founder',
          emails: [{ email: 'eldon@tyrellcorp.com', type: 'office' }],
        },
      ],
    },
  ],
};

export const defaultDataset: Dataset = {
  description:
    'Compact deterministic dataset for tests. Facts are documented in tests/close-fake/README.md.',
  users: [
    {
      id: ADA,
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@acme-sales.example',
      last_used_timezone: 'Europe/London',
      date_created: T('2021-03-04'),
    },
    {
      id: GRACE,
      first_name: 'Grace',
      last_name: 'Hopper',
      email: 'grace@acme-sales.example',
      last_used_timezone: 'America/New_York',
      date_created: T('2021-05-01'),
    },
    {
      id: ALAN,
      first_name: 'Alan',
      last_name: 'Turing',
      email: 'alan@globex-partners.example',
      last_used_timezone: 'Europe/London',
      date_created: T('2022-06-01'),
    },
  ],
  organizations: [acme, globex],
  api_keys: [
    { key: 'api_test_acme', user_id: ADA, organization_id: ACME },
    { key: 'api_test_acme_grace', user_id: GRACE, organization_id: ACME },
    { key: 'api_test_globex', user_id: ADA, organization_id: GLOBEX },
  ],
};

// ---------------------------------------------------------------------------
// demo.json: a few dozen realistic leads, deterministic (seeded)
// ---------------------------------------------------------------------------

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

const DEMO_COMPANIES: [string, string, string][] = [
  ['Northwind Robotics', 'northwind-robotics.com', 'Manufacturing'],
  ['Contoso Pharmaceuticals', 'contoso-pharma.com', 'Healthcare'],
  ['Fabrikam Logistics', 'fabrikam-logistics.com', 'Logistics'],
  ['Tailspin Toys', 'tailspintoys.com', 'Retail'],
  ['Wide World Importers', 'wideworldimporters.com', 'Retail'],
  ['Adventure Works Cycles', 'adventure-works.com', 'Manufacturing'],
  ['Litware Analytics', 'litware.io', 'Software'],
  ['Proseware Health', 'proseware.health', 'Healthcare'],
  ['Woodgrove Bank', 'woodgrovebank.com', 'Finance'],
  ['Coho Winery', 'cohowinery.com', 'Food & Beverage'],
  ['Alpine Ski House', 'alpineskihouse.com', 'Hospitality'],
  ['Blue Yonder Airlines', 'blueyonderairlines.com', 'Travel'],
  ['Lucerne Publishing', 'lucernepublishing.com', 'Media'],
  ["Margie's Travel", 'margiestravel.com', 'Travel'],
  ['Trey Research', 'treyresearch.net', 'Software'],
  ['Graphic Design Institute', 'graphicdesigninstitute.com', 'Education'],
  ['Humongous Insurance', 'humongousinsurance.com', 'Finance'],
  ['Fourth Coffee', 'fourthcoffee.com', 'Food & Beverage'],
  ['School of Fine Art', 'fineartschool.net', 'Education'],
  ['The Phone Company', 'thephone-company.com', 'Telecom'],
  ['VanArsdel Ltd', 'vanarsdelltd.com', 'Manufacturing'],
  ['Relecloud', 'relecloud.com', 'Software'],
  ['Bellows College', 'bellowscollege.com', 'Education'],
  ['Southridge Video', 'southridgevideo.com', 'Media'],
  ['Consolidated Messenger', 'consolidatedmessenger.com', 'Logistics'],
  ['Datum Corporation', 'adatum.com', 'Software'],
  ['Best For You Organics', 'bestforyouorganics.com', 'Food & Beverage'],
  ['Stripe', 'stripe.com', 'Finance'],
  ['GitHub', 'github.com', 'Software'],
  ['Mozilla', 'mozilla.org', 'Software'],
  ['Wikimedia Foundation', 'wikimedia.org', 'Nonprofit'],
  ['Example Corp', 'example.com', 'Software'],
  ['Shopify', 'shopify.com', 'Retail'],
  ['Atlassian', 'atlassian.com', 'Software'],
  ['Figma', 'figma.com', 'Software'],
  ['Notion Labs', 'notion.so', 'Software'],
];

const FIRST = [
  'Jo',
  'Sam',
  'Priya',
  'Mateo',
  'Lena',
  'Kwame',
  'Yuki',
  'Aisha',
  'Tomás',
  'Ingrid',
  'Chen',
  'Olivia',
  'Noah',
  'Fatima',
  'Lucas',
  'Mia',
  'Arjun',
  'Sofia',
  'Elias',
  'Hana',
];
const LAST = [
  'Lindqvist',
  'Okafor',
  'Sharma',
  'García',
  'Novak',
  'Mensah',
  'Tanaka',
  'Rahman',
  'Silva',
  'Berg',
  'Wang',
  'Brown',
  'Müller',
  'Haddad',
  'Martin',
  'Rossi',
  'Patel',
  'Costa',
  'Fischer',
  'Kim',
];
const TITLES = [
  'CEO',
  'CTO',
  'Head of Operations',
  'VP Sales',
  'Procurement Manager',
  'Marketing Director',
  'Engineering Manager',
  'Office Manager',
  'CFO',
  'Founder',
];
const NOTES = [
  'Intro call went well; they are evaluating three vendors.',
  'Asked for a security questionnaire and a DPA.',
  'Budget is set for next quarter. Follow up in two weeks.',
  'Champion is enthusiastic, economic buyer not yet involved.',
  'Wants a pilot for one team before a wider roll-out.',
  'Met at the trade show; interested in the API integration.',
];

function buildDemo(): Dataset {
  const rand = rng(20240514);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)] as T;
  const DANA = fid('user', 'DanaOkafor');
  const LEO = fid('user', 'LeoSharma');
  const ORG = fid('orga', 'DemoSalesCo');
  const ORG2 = fid('orga', 'DemoPartners');
  const leadStatuses = [
    'Potential',
    'Qualified',
    'Active Opportunity',
    'Customer',
    'Not Interested',
  ].map((label) => ({ id: fid('stat', `demoLead${label}`), label }));
  const salesStatuses = [
    { id: fid('stat', 'demoOppLead'), label: 'Lead In', type: 'active' as const },
    { id: fid('stat', 'demoOppDemo'), label: 'Demo Scheduled', type: 'active' as const },
    { id: fid('stat', 'demoOppProposal'), label: 'Proposal', type: 'active' as const },
    { id: fid('stat', 'demoOppWon'), label: 'Won', type: 'won' as const },
    { id: fid('stat', 'demoOppLost'), label: 'Lost', type: 'lost' as const },
  ];
  const expansionStatuses = [
    { id: fid('stat', 'demoOppUpsell'), label: 'Upsell Identified', type: 'active' as const },
    { id: fid('stat', 'demoOppExpanded'), label: 'Expanded', type: 'won' as const },
    { id: fid('stat', 'demoOppNoExpansion'), label: 'No Expansion', type: 'lost' as const },
  ];
  const CF_DEMO_INDUSTRY = fid('cf', 'demoIndustry');
  const CF_DEMO_SOURCE = fid('cf', 'demoLeadSource');
  const industries = [...new Set(DEMO_COMPANIES.map((c) => c[2]))];

  const leads: DatasetLead[] = DEMO_COMPANIES.map(([name, domain, industry], i) => {
    const slug = `demo${name.replace(/[^A-Za-z0-9]/g, '').slice(0, 24)}`;
    const created = new Date(Date.UTC(2024, 0, 5) + i * 4 * 86_400_000);
    const day = created.toISOString().slice(0, 10);
    const contactCount = 1 + Math.floor(rand() * 3);
    const contacts: DatasetContact[] = [];
    for (let c = 0; c < contactCount; c++) {
      const first = pick(FIRST);
      const last = pick(LAST);
      const local = `${first}.${last}`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z.]/g, '');
      contacts.push({
        id: fid('cont', `${slug}${c}`),
        name: `${first} ${last}`,
        title: pick(TITLES),
        emails: [{ email: `${local}@${domain}`, type: 'office' }],
        phones:
          rand() < 0.7
            ? [
                {
                  phone: `+1 415 555 ${String(1000 + i * 7 + c).slice(-4)}`,
                  type: pick(['office', 'mobile']),
                },
              ]
            : [],
      });
    }
    const opportunities: DatasetOpportunity[] = [];
    const oppCount = Math.floor(rand() * 3);
    for (let o = 0; o < oppCount; o++) {
      const status = o === 1 ? pick(expansionStatuses) : pick(salesStatuses);
      const period = pick(['one_time', 'monthly', 'annual'] as const);
      opportunities.push({
        id: fid('oppo', `${slug}${o}`),
        status_id: status.id,
        value: Math.round(500 + rand() * 60_000) * 100,
        value_period: period,
        confidence:
          status.type === 'won' ? 100 : status.type === 'lost' ? 0 : pick([10, 25, 50, 75, 90]),
        user_id: pick([DANA, LEO]),
        contact_id: contacts[0]?.id ?? null,
        note: pick(NOTES),
        date_created: T(day, '10:00:00'),
        date_won: status.type === 'won' ? day : null,
      });
    }
    const activities: DatasetActivity[] = [];
    const actCount = 2 + Math.floor(rand() * 5);
    for (let a = 0; a < actCount; a++) {
      const at = new Date(created.getTime() + (a + 1) * 36 * 3_600_000).toISOString().slice(0, 19);
      const when = `${at}.000000+00:00`;
      const contact = pick(contacts);
      const email = contact.emails?.[0]?.email ?? '';
      const kind = pick(['Note', 'Email', 'Email', 'Call', 'SMS']);
      const id = fid('acti', `${slug}${a}`);
      if (kind === 'Note') {
        const text = pick(NOTES);
        activities.push({
          id,
          _type: 'Note',
          activity_at: when,
          note: text,
          note_html: `<body><p>${text}</p></body>`,
        });
      } else if (kind === 'Email') {
        const incoming = rand() < 0.5;
        activities.push({
          id,
          _type: 'Email',
          activity_at: when,
          contact_id: contact.id,
          direction: incoming ? 'incoming' : 'outgoing',
          status: incoming ? 'inbox' : 'sent',
          subject: incoming ? `Re: Next steps with ${name}` : `Next steps with ${name}`,
          sender: incoming ? `${contact.name} <${email}>` : 'Dana Okafor <dana@demo-sales.example>',
          to: incoming ? ['dana@demo-sales.example'] : [email],
          cc: [],
          body_text: incoming
            ? `Hi Dana,\n\nThanks for the follow-up. Could we talk on Thursday?\n\n${contact.name}`
            : `Hi ${contact.name},\n\nSharing the deck from our call.\n\nDana`,
          body_html: incoming
            ? `<p>Hi Dana,</p><p>Thanks for the follow-up. Could we talk on <b>Thursday</b>?</p><p>${contact.name}</p>`
            : `<p>Hi ${contact.name},</p><p>Sharing the deck from our call.</p><p>Dana</p>`,
          date_sent: when,
        });
      } else if (kind === 'Call') {
        activities.push({
          id,
          _type: 'Call',
          activity_at: when,
          contact_id: contact.id,
          direction: pick(['inbound', 'outbound']),
          status: 'completed',
          duration: Math.floor(rand() * 1800),
          phone: contact.phones?.[0]?.phone.replace(/\s/g, '') ?? null,
          note: pick(NOTES),
        });
      } else {
        activities.push({
          id,
          _type: 'SMS',
          activity_at: when,
          contact_id: contact.id,
          direction: pick(['inbound', 'outbound']),
          status: 'sent',
          text: pick([
            'Running 5 min late',
            'Thanks, talk tomorrow!',
            'Sent the contract over',
            'Can we move to 3pm?',
          ]),
        });
      }
    }
    return {
      id: fid('lead', slug),
      name,
      description: `${industry} company.`,
      url: `https://${domain}`,
      status_id: pick(leadStatuses).id,
      date_created: T(day),
      custom: {
        [CF_DEMO_INDUSTRY]: industry,
        [CF_DEMO_SOURCE]: pick(['Website', 'Referral', 'Event', 'Outbound']),
      },
      contacts,
      opportunities,
      activities,
      tasks:
        rand() < 0.3
          ? [
              {
                id: fid('task', slug),
                text: `Follow up with ${contacts[0]?.name ?? name}`,
                date: '2024-07-01',
              },
            ]
          : [],
    };
  });

  return {
    description: 'Demo dataset for `npm run fake-close` and the demo script. Key: api_demo_key.',
    users: [
      {
        id: DANA,
        first_name: 'Dana',
        last_name: 'Okafor',
        email: 'dana@demo-sales.example',
        last_used_timezone: 'Europe/Berlin',
      },
      {
        id: LEO,
        first_name: 'Leo',
        last_name: 'Sharma',
        email: 'leo@demo-sales.example',
        last_used_timezone: 'America/Chicago',
      },
    ],
    organizations: [
      {
        id: ORG,
        name: 'Demo Sales Co',
        currency: 'USD',
        phone_country: 'US',
        memberships: [
          { id: fid('memb', 'demoDana'), user_id: DANA, role_id: 'admin' },
          { id: fid('memb', 'demoLeo'), user_id: LEO, role_id: 'user' },
        ],
        lead_statuses: leadStatuses,
        pipelines: [
          { id: fid('pipe', 'demoSales'), name: 'Sales', statuses: salesStatuses },
          { id: fid('pipe', 'demoExpansion'), name: 'Expansion', statuses: expansionStatuses },
        ],
        lead_custom_fields: [
          { id: CF_DEMO_INDUSTRY, name: 'Industry', type: 'choices', choices: industries },
          {
            id: CF_DEMO_SOURCE,
            name: 'Lead Source',
            type: 'choices',
            choices: ['Website', 'Referral', 'Event', 'Outbound'],
          },
        ],
        leads,
      },
      {
        id: ORG2,
        name: 'Demo Partners',
        currency: 'EUR',
        phone_country: 'DE',
        memberships: [{ id: fid('memb', 'demoPartnersDana'), user_id: DANA, role_id: 'admin' }],
        lead_statuses: [
          { id: fid('stat', 'demoPartnersProspect'), label: 'Prospect' },
          { id: fid('stat', 'demoPartnersPartner'), label: 'Partner' },
        ],
        pipelines: [
          {
            id: fid('pipe', 'demoPartners'),
            name: 'Partnerships',
            statuses: [
              { id: fid('stat', 'demoPartnersTalks'), label: 'In Talks', type: 'active' },
              { id: fid('stat', 'demoPartnersSigned'), label: 'Signed', type: 'won' },
              { id: fid('stat', 'demoPartnersDropped'), label: 'Dropped', type: 'lost' },
            ],
          },
        ],
        lead_custom_fields: [
          {
            id: fid('cf', 'demoPartnersTier'),
            name: 'Tier',
            type: 'choices',
            choices: ['Gold', 'Silver'],
          },
          { id: fid('cf', 'demoPartnersRegion'), name: 'Region', type: 'text' },
        ],
        leads: [
          {
            id: fid('lead', 'demoPartnersNorthwind'),
            name: 'Northwind Robotics GmbH',
            url: 'https://northwind-robotics.com',
            status_id: fid('stat', 'demoPartnersPartner'),
            contacts: [
              {
                id: fid('cont', 'demoPartnersNorthwindJo'),
                name: 'Jo Lindqvist',
                title: 'Partner Manager',
                emails: [{ email: 'jo.lindqvist@northwind-robotics.com', type: 'office' }],
                phones: [{ phone: '+49 40 123456', type: 'office' }],
              },
            ],
            opportunities: [
              {
                id: fid('oppo', 'demoPartnersNorthwind'),
                status_id: fid('stat', 'demoPartnersTalks'),
                value: 120000,
                value_period: 'monthly',
                confidence: 40,
              },
            ],
          },
        ],
      },
    ],
    api_keys: [
      { key: 'api_demo_key', user_id: DANA, organization_id: ORG },
      { key: 'api_demo_key_partners', user_id: DANA, organization_id: ORG2 },
    ],
  };
}

export const demoDataset: Dataset = buildDemo();

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = new URL('./', import.meta.url);
  writeFileSync(new URL('default.json', dir), `${JSON.stringify(defaultDataset, null, 2)}\n`);
  writeFileSync(new URL('demo.json', dir), `${JSON.stringify(demoDataset, null, 2)}\n`);
  console.log('wrote default.json and demo.json');
}
