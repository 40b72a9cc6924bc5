import type { Campaign, CampaignStatus, CampaignType, MandatoryCommentRequirement, PermissionDto } from '../api/schemas';
import { generateCampaignContent, type GenerationSource } from './generate';
import type {
  AccessProfile,
  AccessType,
  Account,
  Assignment,
  CampaignRecord,
  CertificationRecord,
  Entitlement,
  Identity,
  ItemRecord,
  Persona,
  ReportRecord,
  ReportsConfigRecord,
  Role,
  ScheduleRecord,
  SeedData,
  Source,
  TemplateRecord,
  UserLevel,
} from './model';

/**
 * The sandbox's deterministic data set: a believable mid-size company ("Acme Corp") with its people,
 * management tree, applications, access, and certification campaigns in every status and of every type.
 *
 * Everything comes from one seeded PRNG, so the same options always give deep-equal data; every date is
 * relative to `anchor`. Bump SEED_VERSION whenever the output for given options changes.
 */

export const SEED_VERSION = 2;

export interface SeedOptions {
  /** Epoch ms all dates are relative to (the sandbox's creation or last reset). */
  anchor: number;
  /** Multiplies the number of identities and the size of the largest certification. Default 1. */
  scale?: number;
}

/** The fixed identity ids of the personas (32 hex digits, like every ISC id). */
export const PERSONA_IDS = {
  manager: '2c9180857a1c8e3b017a1d0f3b2e0001',
  sourceOwner: '2c9180857a1c8e3b017a1d0f3b2e0002',
  certAdmin: '2c9180857a1c8e3b017a1d0f3b2e0003',
  orgAdmin: '2c9180857a1c8e3b017a1d0f3b2e0004',
  reportAdmin: '2c9180857a1c8e3b017a1d0f3b2e0005',
} as const;

export const PERSONAS: Persona[] = [
  {
    key: 'manager',
    identityId: PERSONA_IDS.manager,
    label: 'Morgan Reyes (manager)',
    description:
      'Regional Sales Manager with 12 direct reports. Has active certifications of every size (one overdue, one due soon) and signed ones from earlier campaigns.',
  },
  {
    key: 'source-owner',
    identityId: PERSONA_IDS.sourceOwner,
    label: 'Priya Shah (source owner)',
    description:
      'Owns Corporate Active Directory, Mainframe RACF and ServiceNow. Reviews the largest certification (every Active Directory group membership) and a smaller mainframe one.',
  },
  {
    key: 'cert-admin',
    identityId: PERSONA_IDS.certAdmin,
    label: 'Chen Wei (certification admin)',
    description: 'Certification administrator: creates, activates, completes and reassigns campaigns, and manages templates.',
  },
  {
    key: 'org-admin',
    identityId: PERSONA_IDS.orgAdmin,
    label: 'Dana Okafor (org admin)',
    description: 'Tenant administrator (ORG_ADMIN): can do everything, including report configuration.',
  },
  {
    key: 'reportAdmin',
    identityId: PERSONA_IDS.reportAdmin,
    label: 'Anika Chen (report admin)',
    description: 'Compliance analyst (REPORT_ADMIN): sees campaigns and their reports only; cannot create, change or review.',
  },
];

const PRNG_SEED = 0x41747374; // "Atst"
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const EMAIL_DOMAIN = 'acme-corp.example';
const AWS_ACCOUNT = '418223741903';

// ---------------------------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------------------------

/** mulberry32: small, fast and good enough for test data. */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  uint(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  float(): number {
    return this.uint() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.float() * list.length)]!;
  }

  /** n distinct elements, in random order. */
  sample<T>(list: readonly T[], n: number): T[] {
    const copy = list.slice();
    const count = Math.min(n, copy.length);
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.float() * (copy.length - i));
      const t = copy[i]!;
      copy[i] = copy[j]!;
      copy[j] = t;
    }
    copy.length = count;
    return copy;
  }

  shuffle<T>(list: readonly T[]): T[] {
    return this.sample(list, list.length);
  }

  /** A new id: 32 hex digits (128 random bits, so collisions, persona ids included, do not happen). */
  id(): string {
    for (let word = 0; word < 4; word++) {
      let n = this.uint();
      for (let k = 7; k >= 0; k--) {
        ID_CODES[word * 8 + k] = HEX_CODES[n & 15]!;
        n >>>= 4;
      }
    }
    // One flat string (concatenating pieces is twice as slow: the seed makes ~100,000 ids).
    return String.fromCharCode.apply(null, ID_CODES);
  }
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const ID_CODES: number[] = new Array<number>(32).fill(0);

const HEX_BYTES = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function hex8(n: number): string {
  return HEX_BYTES[n >>> 24]! + HEX_BYTES[(n >>> 16) & 255]! + HEX_BYTES[(n >>> 8) & 255]! + HEX_BYTES[n & 255]!;
}

// ---------------------------------------------------------------------------------------------------------
// Static data
// ---------------------------------------------------------------------------------------------------------

const FIRST_NAMES = [
  'Aaliyah', 'Adrian', 'Aisha', 'Alejandro', 'Alex', 'Amara', 'Amelia', 'Andre', 'Anika', 'Arjun',
  'Astrid', 'Ben', 'Bianca', 'Brandon', 'Camila', 'Carlos', 'Caroline', 'Chloé', 'Chris', 'Daniel',
  'Darius', 'Diego', 'Elena', 'Eli', 'Emeka', 'Emily', 'Erik', 'Fatima', 'Felix', 'Fiona',
  'Gabriel', 'Grace', 'Hannah', 'Hiroshi', 'Ian', 'Ingrid', 'Isabel', 'Jack', 'Jamal', 'James',
  'Jasmine', 'Javier', 'Jin', 'Joanna', 'José', 'Julia', 'Kai', 'Karen', 'Kenji', 'Kofi',
  'Laura', 'Leila', 'Liam', 'Lucas', 'Lucía', 'Maya', 'Mei', 'Miguel', 'Mohammed', 'Nadia',
  'Naomi', 'Nathan', 'Nia', 'Nikolai', 'Noah', 'Olivia', 'Omar', 'Oscar', 'Paul', 'Pedro',
  'Rachel', 'Rafael', 'Rahul', 'Rebecca', 'Renée', 'Ricardo', 'Rosa', 'Ryan', 'Samir', 'Sara',
  'Sean', 'Sofia', 'Sophie', 'Stefan', 'Sunil', 'Tanya', 'Thomas', 'Tomás', 'Valentina', 'Victor',
  'Wei', 'William', 'Xavier', 'Yara', 'Yuki', 'Yusuf', 'Zainab', 'Zoë', 'Zhang', 'Ethan',
];

const LAST_NAMES = [
  'Abbott', 'Adeyemi', 'Alvarez', 'Andersen', 'Baker', 'Banerjee', 'Becker', 'Bennett', 'Brooks', 'Campbell',
  'Carter', 'Castillo', 'Chang', 'Chen', 'Clarke', 'Collins', 'Cruz', 'Das', 'Davies', 'Diaz',
  'Dubois', 'Edwards', 'Evans', 'Fernández', 'Fischer', 'Fitzgerald', 'Flores', 'Garcia', 'Goldberg', 'Gomez',
  'Gonzalez', 'Gupta', 'Hall', 'Hansen', 'Hassan', 'Hernandez', 'Hughes', 'Ibrahim', 'Ito', 'Jackson',
  'Jensen', 'Johansson', 'Johnson', 'Kapoor', 'Kaur', 'Kim', 'Kowalski', 'Kumar', 'Larsen', 'Lee',
  'Lopez', 'MacDonald', 'Martin', 'Mendes', 'Meyer', 'Mitchell', 'Moreau', 'Müller', 'Murphy', 'Nakamura',
  'Nguyen', 'Novak', "O'Brien", 'Okonkwo', 'Olsen', 'Ortiz', 'Park', 'Patel', 'Pereira', 'Petrov',
  'Popescu', 'Quinn', 'Ramirez', 'Rao', 'Reed', 'Richter', 'Rivera', 'Robinson', 'Rossi', 'Santos',
  'Sato', 'Schmidt', 'Silva', 'Singh', 'Sokolov', 'Suzuki', 'Tanaka', 'Taylor', 'Thompson', 'Torres',
  'Van der Berg', 'Vargas', 'Walker', 'Wang', 'Watanabe', 'Weber', 'Williams', 'Wong', 'Yamamoto', 'Zhou',
];

type SourceKey = 'ad' | 'workday' | 'salesforce' | 'aws' | 'sap' | 'github' | 'servicenow' | 'racf';

interface DeptSpec {
  name: string;
  /** Prefix of the department's Active Directory groups. */
  code: string;
  share: number;
  vpTitle: string;
  managerTitles: string[];
  icTitles: string[];
  /** Active Directory groups per person (adjusted later so the AD total is exact, except when fixed). */
  ad: [number, number];
  fixedAd: boolean;
  /** Application entitlements per person, by source. */
  apps: [SourceKey, number, number][];
  role: string;
  accessProfiles: string[];
  /** Department-specific AD group functions (besides the common ones). */
  adExtras: { fn: string; privileged?: boolean; data?: boolean }[];
}

const DEPARTMENTS: DeptSpec[] = [
  {
    name: 'Engineering', code: 'Eng', share: 0.25, vpTitle: 'VP of Engineering',
    managerTitles: ['Engineering Manager', 'Senior Engineering Manager'],
    icTitles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'QA Engineer', 'Data Engineer', 'Frontend Engineer', 'Mobile Engineer', 'Security Engineer', 'Site Reliability Engineer'],
    ad: [30, 55], fixedAd: false,
    apps: [['aws', 2, 5], ['github', 2, 4], ['servicenow', 0, 2]],
    role: 'Software Engineer', accessProfiles: ['AWS Developer', 'GitHub Contributor', 'AWS Read Only'],
    adExtras: [{ fn: 'Build-Agents' }, { fn: 'Prod-Deployers', privileged: true }, { fn: 'Code-Signing', privileged: true }],
  },
  {
    name: 'Sales', code: 'Sales', share: 0.18, vpTitle: 'VP of Sales',
    managerTitles: ['Regional Sales Manager', 'Sales Manager'],
    icTitles: ['Account Executive', 'Senior Account Executive', 'Sales Development Representative', 'Solutions Consultant', 'Sales Operations Analyst', 'Customer Success Manager'],
    ad: [9, 16], fixedAd: true,
    apps: [['salesforce', 2, 5], ['workday', 0, 1], ['servicenow', 0, 1]],
    role: 'Sales Representative', accessProfiles: ['Salesforce Sales Rep'],
    adExtras: [{ fn: 'Deal-Desk' }, { fn: 'Commission-Reports', data: true }, { fn: 'Territory-Planning' }],
  },
  {
    name: 'Support', code: 'Support', share: 0.13, vpTitle: 'VP of Customer Support',
    managerTitles: ['Support Manager'],
    icTitles: ['Support Engineer', 'Senior Support Engineer', 'Technical Account Manager', 'Support Specialist', 'Escalation Engineer'],
    ad: [20, 35], fixedAd: false,
    apps: [['servicenow', 2, 4], ['salesforce', 1, 2]],
    role: 'Support Engineer', accessProfiles: ['ServiceNow ITIL Agent'],
    adExtras: [{ fn: 'Tier1' }, { fn: 'Tier2' }, { fn: 'Customer-Data-Export', privileged: true, data: true }],
  },
  {
    name: 'IT Operations', code: 'ITOps', share: 0.11, vpTitle: 'VP of IT Operations',
    managerTitles: ['IT Operations Manager', 'Infrastructure Manager'],
    icTitles: ['Systems Administrator', 'Network Engineer', 'IT Support Specialist', 'Database Administrator', 'Mainframe Operator', 'Cloud Engineer'],
    ad: [35, 60], fixedAd: false,
    apps: [['servicenow', 2, 4], ['aws', 1, 3], ['racf', 1, 3], ['github', 0, 2]],
    role: 'IT Service Desk Agent', accessProfiles: ['ServiceNow ITIL Agent', 'Mainframe Batch Operator'],
    adExtras: [{ fn: 'Server-Operators', privileged: true }, { fn: 'Backup-Admins', privileged: true }, { fn: 'Helpdesk-Tier2' }],
  },
  {
    name: 'Finance', code: 'Finance', share: 0.1, vpTitle: 'VP of Finance',
    managerTitles: ['Finance Manager', 'Controller'],
    icTitles: ['Financial Analyst', 'Senior Accountant', 'Accounts Payable Specialist', 'Accounts Receivable Specialist', 'Payroll Specialist', 'Treasury Analyst'],
    ad: [25, 45], fixedAd: false,
    apps: [['sap', 2, 5], ['workday', 1, 2], ['racf', 0, 2]],
    role: 'Finance Analyst', accessProfiles: ['SAP AP Clerk', 'SAP GL Accountant', 'Mainframe Finance Ledger'],
    adExtras: [{ fn: 'AP-Approvers' }, { fn: 'AR-Clerks' }, { fn: 'Treasury-Wire-Approvers', privileged: true, data: true }],
  },
  {
    name: 'Marketing', code: 'Mktg', share: 0.09, vpTitle: 'VP of Marketing',
    managerTitles: ['Marketing Manager'],
    icTitles: ['Marketing Specialist', 'Content Strategist', 'Demand Generation Specialist', 'Brand Designer', 'Marketing Operations Analyst', 'Events Coordinator'],
    ad: [15, 30], fixedAd: false,
    apps: [['salesforce', 1, 3], ['workday', 0, 1], ['aws', 0, 1]],
    role: 'Marketing Specialist', accessProfiles: ['Salesforce Marketing'],
    adExtras: [{ fn: 'Brand-Assets' }, { fn: 'Web-CMS-Publishers' }, { fn: 'Events' }],
  },
  {
    name: 'HR', code: 'HR', share: 0.07, vpTitle: 'VP of People',
    managerTitles: ['HR Manager'],
    icTitles: ['HR Business Partner', 'Recruiter', 'Compensation Analyst', 'Benefits Specialist', 'HR Generalist', 'Talent Acquisition Coordinator'],
    ad: [20, 35], fixedAd: false,
    apps: [['workday', 2, 4], ['sap', 0, 2], ['servicenow', 0, 1]],
    role: 'HR Business Partner', accessProfiles: ['Workday HR Partner'],
    adExtras: [{ fn: 'Personnel-Files', data: true }, { fn: 'Payroll-Exports', privileged: true, data: true }, { fn: 'Recruiting' }],
  },
  {
    name: 'Legal', code: 'Legal', share: 0.07, vpTitle: 'General Counsel',
    managerTitles: ['Legal Operations Manager'],
    icTitles: ['Corporate Counsel', 'Paralegal', 'Contracts Specialist', 'Privacy Officer', 'Legal Analyst'],
    ad: [15, 30], fixedAd: false,
    apps: [['workday', 0, 1], ['servicenow', 1, 2], ['salesforce', 0, 1]],
    role: 'Legal Counsel', accessProfiles: [],
    adExtras: [{ fn: 'Contracts-Vault', data: true }, { fn: 'Litigation-Hold' }, { fn: 'Privacy-Requests', data: true }],
  },
];

const AD_COMMON_FUNCTIONS: { fn: string; text: string }[] = [
  { fn: 'All', text: 'Everyone in {dept}.' },
  { fn: 'Managers', text: 'People managers in {dept}.' },
  { fn: 'FileShare-RW', text: 'Read/write access to the {dept} shared drive.' },
  { fn: 'FileShare-RO', text: 'Read-only access to the {dept} shared drive.' },
  { fn: 'Reporting-Readers', text: 'Can open {dept} dashboards in the reporting portal.' },
  { fn: 'Confluence-Editors', text: 'Editors of the {dept} Confluence space.' },
  { fn: 'SharePoint-Members', text: 'Members of the {dept} SharePoint site.' },
  { fn: 'Teams-Owners', text: 'Owners of the {dept} Microsoft Teams channels.' },
  { fn: 'Project-Atlas', text: 'Project Atlas working group ({dept}).' },
  { fn: 'Project-Borealis', text: 'Project Borealis working group ({dept}).' },
  { fn: 'Contractors', text: 'Contractors working for {dept}.' },
];

const AD_GENERAL_GROUPS = [
  'All-Staff', 'VPN-Users', 'MFA-Enrolled', 'O365-E5-Licensed', 'O365-E3-Licensed', 'Wifi-Corporate', 'Wifi-Guest-Sponsors',
  'Printers-HQ', 'Printers-Branch', 'Zoom-Users', 'Slack-Users', 'Intranet-Readers', 'Intranet-Editors',
  'SharePoint-Corporate-Readers', 'Confluence-Users', 'Jira-Users', 'Box-Users', 'DocuSign-Senders', 'Expense-Users',
  'Training-Portal', 'Badge-Access-HQ', 'Remote-Desktop-Users', 'USB-Storage-Allowed', 'Travel-Portal', 'Benefits-Portal',
  'Town-Hall-Presenters', 'Mobile-Device-Enrolled', 'Password-Manager-Users', 'Citrix-Users', 'Lunch-and-Learn',
];

const AD_PRIVILEGED = [
  'CN=Domain Admins,CN=Users,DC=acme,DC=corp',
  'CN=Enterprise Admins,CN=Users,DC=acme,DC=corp',
  'CN=Schema Admins,CN=Users,DC=acme,DC=corp',
  'CN=Account Operators,CN=Builtin,DC=acme,DC=corp',
  'CN=Backup Operators,CN=Builtin,DC=acme,DC=corp',
  'CN=Badge-Access-DataCenter,OU=Groups,DC=acme,DC=corp',
  'CN=Laptop-Local-Admins,OU=Groups,DC=acme,DC=corp',
];

/** A 200-character group DN, to prove long names wrap or truncate gracefully. */
const LONG_AD_GROUP = (() => {
  const suffix = ',OU=Workflow Groups,OU=Finance,OU=EMEA,DC=acme,DC=corp';
  const cn =
    'CN=Finance-Shared-Services-EMEA-Regional-Accounts-Payable-Invoice-Approval-Workflow-Escalation-Level-3-Approvers-For-Intercompany-Transactions-Over-Threshold';
  return (cn + suffix).length >= 200 ? (cn.slice(0, 200 - suffix.length) + suffix) : (cn + 'X'.repeat(200 - cn.length - suffix.length) + suffix);
})();

interface SourceSpec {
  key: SourceKey;
  name: string;
  type: string;
  description: (e: { name: string; attributeName: string }) => string;
}

const SOURCE_SPECS: SourceSpec[] = [
  { key: 'ad', name: 'Corporate Active Directory', type: 'Active Directory - Direct', description: (e) => `Members of the ${cnOf(e.name)} group.` },
  { key: 'workday', name: 'Workday', type: 'Workday', description: (e) => `Workday security group for ${humanize(e.name)} tasks.` },
  { key: 'salesforce', name: 'Salesforce', type: 'Salesforce', description: (e) => `Salesforce ${e.attributeName === 'profile' ? 'profile' : 'permission set'} ${e.name}.` },
  { key: 'aws', name: 'AWS Production', type: 'Amazon Web Services', description: (e) => `AWS policy ${e.name} in the production account (${AWS_ACCOUNT}).` },
  { key: 'sap', name: 'SAP ERP', type: 'SAP - Direct', description: (e) => `SAP role ${e.name}.` },
  { key: 'github', name: 'GitHub Enterprise', type: 'GitHub', description: (e) => `${e.attributeName === 'teams' ? 'Membership in the team' : 'Organization role'} ${e.name}.` },
  { key: 'servicenow', name: 'ServiceNow', type: 'ServiceNow Service Desk', description: (e) => `ServiceNow role ${e.name}.` },
  { key: 'racf', name: 'Mainframe RACF', type: 'RACF - LDAP', description: (e) => `RACF group ${e.name} and the dataset profiles it is permitted to.` },
];

function cnOf(dn: string): string {
  const match = /^CN=([^,]*)/.exec(dn);
  return match ? match[1]! : dn;
}

function humanize(name: string): string {
  return name.replace(/_/g, ' ').toLowerCase();
}

const WORKDAY_GROUPS: [string, boolean][] = [
  ['Employee_Self_Service', false], ['Manager_Self_Service', false], ['HR_Partner', false], ['HR_Administrator', true],
  ['Payroll_Administrator', true], ['Payroll_Partner', false], ['Compensation_Partner', false], ['Benefits_Partner', false],
  ['Recruiter', false], ['Recruiting_Coordinator', false], ['Talent_Partner', false], ['Absence_Partner', false],
  ['Finance_Reporting', false], ['Security_Administrator', true], ['Integration_System_User', false], ['Expense_Approver', false],
  ['Expense_Partner', false], ['Time_Tracking_Approver', false], ['Onboarding_Partner', false], ['Org_Chart_Viewer', false],
];

const SALESFORCE_PROFILES: [string, boolean][] = [
  ['Standard User', false], ['Sales User', false], ['Sales Manager', false], ['Marketing User', false], ['Contract Manager', false],
  ['Solution Manager', false], ['Read Only', false], ['System Administrator', true], ['Chatter Free User', false],
];
const SALESFORCE_PERMISSION_SETS: [string, boolean][] = [
  ['Modify_All_Data', true], ['Manage_Users', true], ['API_Enabled', false], ['Sales_Cloud_Einstein', false],
  ['CPQ_Admin', true], ['CPQ_User', false], ['Service_Cloud_User', false], ['Knowledge_User', false], ['Forecasts_Manager', false],
  ['Territory_Management', false], ['Lightning_Experience', false], ['Pardot_Connector', false], ['Data_Loader_Access', false],
  ['Quip_Collaborator', false], ['Reports_Builder', false],
];

const AWS_POLICIES: [string, boolean][] = [
  ['AdministratorAccess', true], ['PowerUserAccess', true], ['ReadOnlyAccess', false], ['SecurityAudit', false], ['ViewOnlyAccess', false],
  ['AmazonS3FullAccess', false], ['AmazonS3ReadOnlyAccess', false], ['AmazonEC2FullAccess', false], ['AmazonEC2ReadOnlyAccess', false],
  ['AmazonRDSFullAccess', false], ['AmazonRDSReadOnlyAccess', false], ['AmazonDynamoDBFullAccess', false], ['AmazonDynamoDBReadOnlyAccess', false],
  ['AWSLambda_FullAccess', false], ['AWSLambda_ReadOnlyAccess', false], ['CloudWatchFullAccess', false], ['CloudWatchReadOnlyAccess', false],
  ['AWSBillingReadOnlyAccess', false], ['Billing', false], ['IAMFullAccess', true], ['IAMReadOnlyAccess', false],
  ['AmazonVPCFullAccess', false], ['AmazonVPCReadOnlyAccess', false], ['AWSCodePipeline_FullAccess', false],
  ['AWSCodeBuildDeveloperAccess', false], ['AmazonECS_FullAccess', false], ['AmazonEKSClusterPolicy', false],
  ['AWSCloudTrail_ReadOnlyAccess', false], ['AWSKeyManagementServicePowerUser', true], ['SecretsManagerReadWrite', true],
  ['AmazonSQSFullAccess', false], ['AmazonSNSFullAccess', false], ['AmazonRoute53FullAccess', false], ['AWSSupportAccess', false],
  ['acme-prod-break-glass', true],
];

const GITHUB_TEAMS = [
  'platform', 'payments', 'web', 'mobile', 'data', 'sre', 'security', 'docs', 'qa', 'design-system', 'ml', 'billing', 'identity', 'integrations',
];
const GITHUB_REPO_ROLES: [string, boolean][] = [
  ['ledger-service:admin', true], ['ledger-service:write', false], ['checkout-web:write', false], ['checkout-web:maintain', false],
  ['infra-terraform:admin', true], ['infra-terraform:write', false], ['mobile-app:write', false], ['data-pipelines:write', false],
  ['identity-gateway:maintain', false], ['docs-site:write', false], ['release-tools:admin', true], ['design-tokens:write', false],
];
const GITHUB_ORG_ROLES: [string, boolean][] = [['Owner', true], ['Member', false], ['Billing Manager', false], ['Security Manager', true]];

const SERVICENOW_ROLES: [string, boolean][] = [
  ['itil', false], ['itil_admin', true], ['admin', true], ['security_admin', true], ['catalog_admin', false], ['catalog', false],
  ['approver_user', false], ['knowledge', false], ['knowledge_admin', false], ['asset', false], ['sn_incident_write', false],
  ['sn_change_write', false], ['sn_request_write', false], ['report_user', false], ['report_admin', false], ['cmdb_read', false],
  ['cmdb_admin', true], ['sn_hr_core.basic', false], ['sn_hr_core.admin', true], ['sn_si.analyst', false], ['snc_read_only', false],
  ['user_admin', true], ['workflow_admin', false], ['pa_viewer', false], ['agent_workspace_user', false],
];

const SAP_MODULES: [string, string][] = [
  ['FI', 'Financial Accounting'], ['CO', 'Controlling'], ['MM', 'Materials Management'], ['SD', 'Sales and Distribution'],
  ['HR', 'Human Capital Management'], ['PP', 'Production Planning'], ['QM', 'Quality Management'], ['PM', 'Plant Maintenance'],
  ['BW', 'Business Warehouse'],
];
const SAP_FUNCTIONS = ['DISPLAY', 'CLERK', 'APPROVER', 'REPORTING', 'ADMIN'];
const SAP_SPECIAL: [string, boolean][] = [
  ['SAP_FI_POSTING', false], ['SAP_FI_AP_CLERK', false], ['SAP_FI_GL_ACCOUNTANT', false], ['SAP_TREASURY_PAYMENTS', true],
  ['SAP_ALL', true],
];

const RACF_PREFIXES = ['FIN', 'PAY', 'GL', 'AP', 'AR', 'HR', 'OPS', 'BAT', 'CICS', 'DB2', 'IMS', 'MQ'];
const RACF_SUFFIXES = ['PRD', 'TST', 'RO', 'RW', 'ADM'];
const RACF_SPECIAL: [string, boolean][] = [['SYS1', true], ['RACFADM', true], ['OPERATNS', true], ['AUDITORS', false], ['TSOUSERS', false]];

const PERMISSION_TARGETS: Partial<Record<SourceKey, string[]>> = {
  racf: ['SYS.OBJAUTH2', 'SYS1.PARMLIB', 'SYS1.PROCLIB', 'PAYROLL.MASTER.FILE', 'GL.LEDGER.DATA', 'CICS.PROD.LOADLIB', 'DB2.PROD.CATALOG'],
  sap: ['SYS.OBJAUTH2', 'F_BKPF_BUK', 'F_LFA1_BUK', 'M_BEST_BSA', 'P_ORGIN', 'S_TCODE'],
  servicenow: ['incident', 'change_request', 'sys_user', 'cmdb_ci', 'sn_hr_core_case'],
};
const PERMISSION_RATE: Partial<Record<SourceKey, number>> = { racf: 0.35, sap: 0.3, servicenow: 0.15 };
const RIGHTS = ['CREATE', 'READ', 'UPDATE', 'DELETE', 'ALTER', 'EXECUTE', 'CONTROL'];
const DATA_CATEGORIES = ['PII', 'PCI', 'PHI', 'Financial Records', 'Confidential', 'GDPR', 'Source Code', 'Trade Secrets'];

const MACHINE_NAMES = [
  'svc-ci-deployer', 'svc-terraform', 'github-actions-release-bot', 'svc-data-pipeline', 'svc-backup-agent',
  'svc-monitoring', 'svc-billing-export', 'svc-sso-sync', 'svc-log-shipper', 'svc-s3-archiver',
];

const APPROVE_COMMENTS = [
  'Required for current role.', 'Verified with the employee.', 'Still needed for quarter-end close.', 'Approved per role definition.',
  'Used daily.', 'Needed for on-call duties.', 'Confirmed with the project lead.',
];
const REVOKE_COMMENTS = [
  'No longer required for current role.', 'Moved to another team.', 'Not used in the last 90 days.', 'Contractor engagement has ended.',
  'Duplicate of access granted through a role.', 'Excessive for job function; request again if needed.',
];

// ---------------------------------------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------------------------------------

interface Person {
  identity: Identity;
  first: string;
  last: string;
  dept: DeptSpec | null;
  rank: 'ceo' | 'vp' | 'manager' | 'ic';
  /** Employee number, for account names. */
  number: number;
}

interface EntDef {
  source: SourceKey;
  name: string;
  value: string;
  attributeName: string;
  objectType: string;
  privileged?: boolean;
  description?: string | null;
  /** Department code of an AD department group, 'general' for company-wide AD groups. */
  group?: string;
  /** Assigned deliberately, never at random. */
  special?: boolean;
  data?: boolean;
}

interface CampaignSpec {
  name: string;
  description: string;
  type: CampaignType;
  status: CampaignStatus;
  /** Offsets from the anchor, in ms. */
  created: number;
  deadline: number;
  requirement: MandatoryCommentRequirement;
  info?: Partial<Pick<Campaign, 'sourceOwnerCampaignInfo' | 'searchCampaignInfo' | 'roleCompositionCampaignInfo' | 'machineAccountCampaignInfo' | 'sourcesWithOrphanEntitlements'>>;
  recommendations?: boolean;
  autoRevoke?: boolean;
  /** Decided fraction of the items of given reviewers' certifications (ACTIVE campaigns). */
  reviewerProgress?: Record<string, number>;
}

class SeedBuilder {
  private readonly rng = new Rng(PRNG_SEED);
  private readonly anchor: number;
  private readonly scale: number;

  private readonly people: Person[] = [];
  private readonly identities: Identity[] = [];
  private readonly personById = new Map<string, Person>();
  private readonly sources = new Map<SourceKey, Source>();
  private readonly entitlements: Entitlement[] = [];
  private readonly entDefs = new Map<string, EntDef>();
  private readonly entByName = new Map<string, Entitlement>();
  private readonly entsBySource = new Map<SourceKey, Entitlement[]>();
  private readonly accessProfiles: AccessProfile[] = [];
  private readonly apByName = new Map<string, AccessProfile>();
  private readonly roles: Role[] = [];
  private readonly roleByName = new Map<string, Role>();
  private readonly accounts: Account[] = [];
  private readonly assignments: Assignment[] = [];
  private readonly campaigns: CampaignRecord[] = [];
  private readonly certifications: CertificationRecord[] = [];
  private readonly items: ItemRecord[] = [];
  private readonly reports: ReportRecord[] = [];
  private readonly templates: TemplateRecord[] = [];
  private readonly schedules: ScheduleRecord[] = [];
  /** Morgan's direct reports. */
  private morganReports: Person[] = [];

  constructor(options: SeedOptions) {
    this.anchor = options.anchor;
    this.scale = options.scale && options.scale > 0 ? options.scale : 1;
  }

  build(): SeedData {
    this.buildPeople();
    this.buildMachines();
    this.buildSources();
    this.buildEntitlements();
    this.buildAccessProfiles();
    this.buildRoles();
    this.buildAssignments();
    this.buildAccounts();
    this.buildCampaigns();
    this.buildTemplates();
    const reportsConfig: ReportsConfigRecord[] = [{ id: 'config', identityAttributeColumns: ['department', 'title'] }];
    return {
      tables: {
        identities: this.identities,
        sources: [...this.sources.values()],
        entitlements: this.entitlements,
        accessProfiles: this.accessProfiles,
        roles: this.roles,
        accounts: this.accounts,
        campaigns: this.campaigns,
        certifications: this.certifications,
        items: this.items,
        tasks: [],
        reports: this.reports,
        templates: this.templates,
        schedules: this.schedules,
        reportsConfig,
        decisionAudit: [],
      },
      assignments: this.assignments,
    };
  }

  private iso(offset: number): string {
    return new Date(this.anchor + offset).toISOString();
  }

  // ---- people ------------------------------------------------------------------------------------------

  private readonly usedEmails = new Set<string>();

  private uniqueName(): [string, string] {
    for (let attempt = 0; ; attempt++) {
      const first = this.rng.pick(FIRST_NAMES);
      const last = this.rng.pick(LAST_NAMES);
      const email = emailOf(first, last);
      if (!this.usedEmails.has(email)) {
        this.usedEmails.add(email);
        return [first, last];
      }
      if (attempt > 1000) throw new Error('Seed: ran out of unique names');
    }
  }

  private addPerson(
    rank: Person['rank'],
    dept: DeptSpec | null,
    title: string,
    managerId: string | null,
    fixed?: { id: string; first: string; last: string; levels: UserLevel[] },
  ): Person {
    const [first, last] = fixed ? [fixed.first, fixed.last] : this.uniqueName();
    const identity: Identity = {
      id: fixed?.id ?? this.rng.id(),
      name: `${first} ${last}`,
      email: emailOf(first, last),
      managerId,
      department: dept?.name ?? 'Executive',
      title,
      levels: fixed?.levels ?? [],
      isMachine: false,
      ownerId: null,
    };
    const person: Person = { identity, first, last, dept, rank, number: 10_000 + this.people.length * 7 + this.rng.int(0, 6) };
    this.people.push(person);
    this.identities.push(identity);
    this.personById.set(identity.id, person);
    return person;
  }

  private buildPeople(): void {
    for (const [first, last] of [['Morgan', 'Reyes'], ['Priya', 'Shah'], ['Chen', 'Wei'], ['Dana', 'Okafor']] as const) {
      this.usedEmails.add(emailOf(first, last));
    }
    const total = Math.max(80, Math.round(300 * this.scale));
    const staff = total - 1 - DEPARTMENTS.length;
    const sizes = apportion(staff, DEPARTMENTS.map((d) => d.share));
    const ceo = this.addPerson('ceo', null, 'Chief Executive Officer', null);

    DEPARTMENTS.forEach((dept, d) => {
      const size = sizes[d]!;
      const vp = this.addPerson('vp', dept, dept.vpTitle, ceo.identity.id);
      const managerCount = Math.max(1, Math.round(size / 12));
      const ics = size - managerCount;
      const isSales = dept.name === 'Sales';
      const isItOps = dept.name === 'IT Operations';

      const managers: Person[] = [];
      for (let k = 0; k < managerCount; k++) {
        if (k === 0 && isSales) {
          managers.push(this.addPerson('manager', dept, 'Regional Sales Manager', vp.identity.id, { id: PERSONA_IDS.manager, first: 'Morgan', last: 'Reyes', levels: [] }));
        } else if (k === 0 && isItOps) {
          managers.push(this.addPerson('manager', dept, 'Identity & Infrastructure Manager', vp.identity.id, { id: PERSONA_IDS.sourceOwner, first: 'Priya', last: 'Shah', levels: [] }));
        } else {
          managers.push(this.addPerson('manager', dept, this.rng.pick(dept.managerTitles), vp.identity.id));
        }
      }

      // Reports per manager: 5-15 each; the VP keeps a few individual contributors when they have few managers.
      const morganCount = isSales ? Math.min(12, ics) : 0;
      const vpIcs = Math.max(0, Math.min(5 - managerCount, ics - morganCount - 5 * (managerCount - (isSales ? 1 : 0))));
      const counts = new Array<number>(managerCount).fill(0);
      const shared = isSales ? managerCount - 1 : managerCount;
      let rest = ics - vpIcs - morganCount;
      if (isSales) counts[0] = morganCount;
      if (shared === 0) {
        counts[0] = counts[0]! + rest;
        rest = 0;
      }
      const offset = isSales ? 1 : 0;
      for (let k = 0; k < shared; k++) counts[offset + k] = Math.floor(rest / shared) + (k < rest % shared ? 1 : 0);

      for (let k = 0; k < vpIcs; k++) this.addPerson('ic', dept, this.rng.pick(dept.icTitles), vp.identity.id);
      managers.forEach((manager, k) => {
        const reports: Person[] = [];
        for (let r = 0; r < counts[k]!; r++) {
          if (isItOps && k === 0 && r === 0) {
            reports.push(this.addPerson('ic', dept, 'Identity Governance Lead', manager.identity.id, { id: PERSONA_IDS.certAdmin, first: 'Chen', last: 'Wei', levels: ['CERT_ADMIN'] }));
          } else if (isItOps && k === 0 && r === 1) {
            reports.push(this.addPerson('ic', dept, 'IAM Platform Administrator', manager.identity.id, { id: PERSONA_IDS.orgAdmin, first: 'Dana', last: 'Okafor', levels: ['ORG_ADMIN'] }));
          } else {
            reports.push(this.addPerson('ic', dept, this.rng.pick(dept.icTitles), manager.identity.id));
          }
        }
        if (isSales && k === 0) this.morganReports = reports;
      });
    });

    // Report admins: a compliance analyst in Legal and an internal auditor in Finance.
    // The compliance analyst is the report admin persona, so gets its fixed id (nothing refers to an IC yet).
    for (const [deptName, title, fixedId] of [['Legal', 'Compliance Analyst', PERSONA_IDS.reportAdmin], ['Finance', 'Internal Audit Lead', null]] as const) {
      const person = this.people.find((p) => p.rank === 'ic' && p.dept?.name === deptName);
      if (person) {
        person.identity.title = title;
        person.identity.levels = ['REPORT_ADMIN'];
        if (fixedId) {
          this.personById.delete(person.identity.id);
          person.identity.id = fixedId;
          this.personById.set(fixedId, person);
        }
      }
    }
  }

  private machines: Identity[] = [];

  private buildMachines(): void {
    const count = Math.max(3, Math.round(10 * this.scale));
    const owners = this.people.filter((p) => (p.dept?.name === 'Engineering' || p.dept?.name === 'IT Operations') && p.rank !== 'vp');
    for (let i = 0; i < count; i++) {
      const base = MACHINE_NAMES[i % MACHINE_NAMES.length]!;
      const name = i < MACHINE_NAMES.length ? base : `${base}-${Math.floor(i / MACHINE_NAMES.length) + 1}`;
      const ownerId = i < 2 ? PERSONA_IDS.sourceOwner : this.rng.pick(owners).identity.id;
      const identity: Identity = {
        id: this.rng.id(),
        name,
        email: null,
        managerId: null,
        department: i % 3 === 0 ? 'IT Operations' : 'Engineering',
        title: 'Service Account',
        levels: [],
        isMachine: true,
        ownerId,
      };
      this.identities.push(identity);
      this.machines.push(identity);
    }
  }

  // ---- catalogue ---------------------------------------------------------------------------------------

  private personOf(deptName: string, rank: Person['rank'], index = 0): Person {
    const matches = this.people.filter((p) => p.dept?.name === deptName && p.rank === rank);
    return matches[Math.min(index, matches.length - 1)] ?? this.people[0]!;
  }

  private buildSources(): void {
    const owners: Record<SourceKey, string> = {
      ad: PERSONA_IDS.sourceOwner,
      racf: PERSONA_IDS.sourceOwner,
      servicenow: PERSONA_IDS.sourceOwner,
      workday: this.personOf('HR', 'vp').identity.id,
      salesforce: this.personOf('Sales', 'vp').identity.id,
      aws: this.personOf('Engineering', 'manager', 0).identity.id,
      github: this.personOf('Engineering', 'manager', 1).identity.id,
      sap: this.personOf('Finance', 'manager', 0).identity.id,
    };
    for (const spec of SOURCE_SPECS) {
      this.sources.set(spec.key, { id: this.rng.id(), name: spec.name, type: spec.type, ownerId: owners[spec.key] });
    }
  }

  private entDefList(): EntDef[] {
    const defs: EntDef[] = [];
    const ad = (cn: string, extra: Partial<EntDef> = {}): void => {
      const dn = cn.startsWith('CN=') ? cn : `CN=${cn},OU=Groups,DC=acme,DC=corp`;
      defs.push({ source: 'ad', name: dn, value: dn, attributeName: 'memberOf', objectType: 'group', ...extra });
    };
    for (const g of AD_GENERAL_GROUPS) ad(g, { group: 'general' });
    for (const dn of AD_PRIVILEGED) ad(dn, { privileged: true });
    for (const dept of DEPARTMENTS) {
      for (const f of AD_COMMON_FUNCTIONS) ad(`${dept.code}-${f.fn}`, { group: dept.code, description: f.text.replace('{dept}', dept.name) });
      for (const f of dept.adExtras) ad(`${dept.code}-${f.fn}`, { group: dept.code, privileged: f.privileged ?? false, data: f.data ?? false });
    }
    ad(LONG_AD_GROUP, { special: true, description: 'Approvers of escalated intercompany invoices above the regional threshold.' });

    for (const [name, privileged] of WORKDAY_GROUPS) defs.push({ source: 'workday', name, value: name, attributeName: 'securityGroups', objectType: 'group', privileged });
    for (const [name, privileged] of SALESFORCE_PROFILES) defs.push({ source: 'salesforce', name, value: name, attributeName: 'profile', objectType: 'profile', privileged });
    for (const [name, privileged] of SALESFORCE_PERMISSION_SETS) defs.push({ source: 'salesforce', name, value: name, attributeName: 'permissionSets', objectType: 'permissionSet', privileged });
    const ps = (name: string, extra: Partial<EntDef>): void => {
      defs.push({ source: 'salesforce', name, value: name, attributeName: 'permissionSets', objectType: 'permissionSet', special: true, ...extra });
    };
    ps('View_All_Data', { privileged: true, description: 'View all records regardless of sharing settings.', data: true });
    ps('Export_Reports', { privileged: false, description: 'Export report results to spreadsheets.' });
    // Hostile-looking names and descriptions: the UI must render them as text, never as HTML.
    ps('<img src=x onerror=alert(1)>', { privileged: true, description: '<script>alert("xss")</script> Imported from a legacy permission set.' });
    ps('Partner "Portal" & \\Legacy\\ Access', { description: 'Grants "quotes" & \\backslashes\\ and <b>tags</b> to partner users.' });

    for (const [name, privileged] of AWS_POLICIES) {
      const arn = name.startsWith('acme-') ? `arn:aws:iam::${AWS_ACCOUNT}:policy/${name}` : `arn:aws:iam::aws:policy/${name}`;
      defs.push({ source: 'aws', name, value: arn, attributeName: 'policies', objectType: 'policy', privileged });
    }
    for (const team of GITHUB_TEAMS) defs.push({ source: 'github', name: `acme-corp/${team}`, value: `acme-corp/${team}`, attributeName: 'teams', objectType: 'team', privileged: team === 'security' });
    for (const [name, privileged] of GITHUB_REPO_ROLES) defs.push({ source: 'github', name: `acme-corp/${name}`, value: `acme-corp/${name}`, attributeName: 'repositoryRoles', objectType: 'role', privileged });
    for (const [name, privileged] of GITHUB_ORG_ROLES) defs.push({ source: 'github', name, value: name.toLowerCase().replace(/ /g, '_'), attributeName: 'organizationRole', objectType: 'role', privileged });
    for (const [name, privileged] of SERVICENOW_ROLES) defs.push({ source: 'servicenow', name, value: name, attributeName: 'roles', objectType: 'role', privileged });
    for (const [name, privileged] of SAP_SPECIAL) defs.push({ source: 'sap', name, value: name, attributeName: 'activityGroups', objectType: 'role', privileged });
    for (const [mod, text] of SAP_MODULES) {
      for (const fn of SAP_FUNCTIONS) {
        const name = `SAP_${mod}_${fn}`;
        if (defs.some((d) => d.name === name)) continue;
        defs.push({ source: 'sap', name, value: name, attributeName: 'activityGroups', objectType: 'role', privileged: fn === 'ADMIN' && ['FI', 'HR', 'CO'].includes(mod), description: `${text}: ${fn.toLowerCase()} access.` });
      }
    }
    for (const [name, privileged] of RACF_SPECIAL) defs.push({ source: 'racf', name, value: name, attributeName: 'groups', objectType: 'group', privileged });
    for (const prefix of RACF_PREFIXES) {
      for (const suffix of RACF_SUFFIXES) {
        const name = `${prefix}${suffix}`;
        defs.push({ source: 'racf', name, value: name, attributeName: 'groups', objectType: 'group', privileged: suffix === 'ADM' && ['OPS', 'DB2', 'CICS', 'PAY'].includes(prefix) });
      }
    }
    return defs;
  }

  private buildEntitlements(): void {
    const rng = this.rng;
    const specByKey = new Map(SOURCE_SPECS.map((s) => [s.key, s]));
    const managers = this.people.filter((p) => p.rank === 'manager' || p.rank === 'vp');
    for (const def of this.entDefList()) {
      const source = this.sources.get(def.source)!;
      // ~10% privileged overall: the ones named so, plus a few more.
      const privileged = def.privileged === true || (!def.special && rng.chance(0.01));
      let description: string | null;
      if (def.special) description = def.description ?? null;
      else if (rng.chance(0.15)) description = null;
      else if (def.description !== undefined) description = def.description;
      else description = specByKey.get(def.source)!.description({ name: def.name, attributeName: def.attributeName });
      const containsDataAccess = def.data === true || rng.chance(0.06);
      const targets = PERMISSION_TARGETS[def.source];
      const permissions: PermissionDto[] = [];
      if (targets && rng.chance(PERMISSION_RATE[def.source] ?? 0)) {
        for (const target of rng.sample(targets, rng.int(2, Math.min(6, targets.length)))) {
          permissions.push({ target, rights: RIGHTS.filter((r) => r === 'READ' || rng.chance(0.35)) });
        }
      }
      const entitlement: Entitlement = {
        id: rng.id(),
        name: def.name,
        description,
        attributeName: def.attributeName,
        attributeValue: def.value,
        sourceSchemaObjectType: def.objectType,
        sourceId: source.id,
        ownerId: rng.chance(0.75) ? source.ownerId : rng.pick(managers).identity.id,
        privileged,
        cloudGoverned: def.source === 'aws' && rng.chance(0.3),
        revocable: def.name !== 'CN=All-Staff,OU=Groups,DC=acme,DC=corp' && rng.chance(0.96),
        containsDataAccess,
        impactScore: containsDataAccess ? rng.int(privileged ? 6 : 1, 10) : null,
        dataCategories: containsDataAccess ? rng.sample(DATA_CATEGORIES, rng.int(1, 3)) : [],
        permissions,
      };
      this.entitlements.push(entitlement);
      this.entDefs.set(entitlement.id, def);
      this.entByName.set(def.name, entitlement);
      let list = this.entsBySource.get(def.source);
      if (!list) this.entsBySource.set(def.source, (list = []));
      list.push(entitlement);
    }
  }

  private ent(name: string): Entitlement {
    const e = this.entByName.get(name);
    if (!e) throw new Error(`Seed: no entitlement ${name}`);
    return e;
  }

  private adDn(cn: string): string {
    return `CN=${cn},OU=Groups,DC=acme,DC=corp`;
  }

  /** Entitlements that may be handed out at random: not privileged, not special. */
  private ordinary(source: SourceKey): Entitlement[] {
    return (this.entsBySource.get(source) ?? []).filter((e) => !e.privileged && !this.entDefs.get(e.id)!.special);
  }

  private buildAccessProfiles(): void {
    const rng = this.rng;
    const adGroups = (code: string): Entitlement[] => this.ordinary('ad').filter((e) => this.entDefs.get(e.id)!.group === code);
    const defs: { name: string; source: SourceKey; description: string; privileged?: boolean; ents: () => Entitlement[] }[] = [
      { name: 'AD - All Staff Basics', source: 'ad', description: 'Company-wide groups every employee gets on day one.', ents: () => ['All-Staff', 'O365-E3-Licensed', 'Wifi-Corporate', 'Intranet-Readers'].map((g) => this.ent(this.adDn(g))) },
      { name: 'AD - Remote Access (VPN)', source: 'ad', description: 'VPN access with multi-factor authentication.', ents: () => ['VPN-Users', 'MFA-Enrolled'].map((g) => this.ent(this.adDn(g))) },
      ...DEPARTMENTS.map((d) => ({
        name: `AD - ${d.name} Team Access`,
        source: 'ad' as const,
        description: `Standard ${d.name} groups: team membership, shared drive and collaboration spaces.`,
        ents: () => [this.ent(this.adDn(`${d.code}-All`)), ...rng.sample(adGroups(d.code).filter((e) => e.name !== this.adDn(`${d.code}-All`)), rng.int(2, 4))],
      })),
      { name: 'Workday Employee Self-Service', source: 'workday', description: 'Pay slips, time off and personal data.', ents: () => [this.ent('Employee_Self_Service'), this.ent('Org_Chart_Viewer')] },
      { name: 'Workday Manager Self-Service', source: 'workday', description: 'Approvals and team data for people managers.', ents: () => ['Manager_Self_Service', 'Time_Tracking_Approver', 'Expense_Approver'].map((n) => this.ent(n)) },
      { name: 'Workday HR Partner', source: 'workday', description: 'HR business partner tasks.', ents: () => ['HR_Partner', 'Absence_Partner', 'Onboarding_Partner', 'Talent_Partner'].map((n) => this.ent(n)) },
      { name: 'Workday Payroll', source: 'workday', description: 'Payroll processing and corrections.', privileged: true, ents: () => ['Payroll_Administrator', 'Payroll_Partner'].map((n) => this.ent(n)) },
      { name: 'Salesforce Sales Rep', source: 'salesforce', description: 'Opportunities, accounts and forecasts for account executives.', ents: () => ['Sales User', 'Lightning_Experience', 'Forecasts_Manager'].map((n) => this.ent(n)) },
      { name: 'Salesforce Sales Manager', source: 'salesforce', description: 'Team pipeline, forecasts and territory management.', ents: () => ['Sales Manager', 'Forecasts_Manager', 'Territory_Management', 'Reports_Builder'].map((n) => this.ent(n)) },
      { name: 'Salesforce Marketing', source: 'salesforce', description: 'Campaigns and lead management.', ents: () => ['Marketing User', 'Pardot_Connector', 'Reports_Builder'].map((n) => this.ent(n)) },
      { name: 'Salesforce Admin', source: 'salesforce', description: 'Full administration of the Salesforce org.', privileged: true, ents: () => ['System Administrator', 'Modify_All_Data', 'Manage_Users'].map((n) => this.ent(n)) },
      { name: 'AWS Developer', source: 'aws', description: 'Build and deploy services in the production account.', ents: () => ['AmazonEC2ReadOnlyAccess', 'AWSLambda_FullAccess', 'CloudWatchReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'AWSCodeBuildDeveloperAccess'].map((n) => this.ent(n)) },
      { name: 'AWS Read Only', source: 'aws', description: 'Read-only view of the production account.', ents: () => ['ReadOnlyAccess', 'CloudWatchReadOnlyAccess'].map((n) => this.ent(n)) },
      { name: 'AWS Production Admin', source: 'aws', description: 'Administrative access to production, for SRE on-call.', privileged: true, ents: () => ['AdministratorAccess', 'IAMFullAccess', 'AWSKeyManagementServicePowerUser'].map((n) => this.ent(n)) },
      { name: 'SAP AP Clerk', source: 'sap', description: 'Enter and park vendor invoices.', ents: () => ['SAP_FI_AP_CLERK', 'SAP_FI_DISPLAY', 'SAP_MM_DISPLAY'].map((n) => this.ent(n)) },
      { name: 'SAP GL Accountant', source: 'sap', description: 'General ledger postings and period close.', ents: () => ['SAP_FI_GL_ACCOUNTANT', 'SAP_FI_POSTING', 'SAP_CO_DISPLAY', 'SAP_BW_REPORTING'].map((n) => this.ent(n)) },
      { name: 'SAP Purchasing', source: 'sap', description: 'Purchase requisitions and orders.', ents: () => ['SAP_MM_CLERK', 'SAP_MM_APPROVER', 'SAP_MM_DISPLAY'].map((n) => this.ent(n)) },
      { name: 'GitHub Contributor', source: 'github', description: 'Member of the organization with write access to team repositories.', ents: () => [this.ent('Member'), ...rng.sample(this.ordinary('github').filter((e) => e.attributeName === 'teams'), 2)] },
      { name: 'GitHub Org Admin', source: 'github', description: 'Owner of the acme-corp organization.', privileged: true, ents: () => ['Owner', 'Security Manager'].map((n) => this.ent(n)) },
      { name: 'ServiceNow ITIL Agent', source: 'servicenow', description: 'Work incidents, changes and requests.', ents: () => ['itil', 'sn_incident_write', 'sn_change_write', 'agent_workspace_user'].map((n) => this.ent(n)) },
      { name: 'ServiceNow Requester', source: 'servicenow', description: 'Request items from the service catalog and approve requests.', ents: () => ['catalog', 'approver_user'].map((n) => this.ent(n)) },
      { name: 'Mainframe Batch Operator', source: 'racf', description: 'Operate the nightly batch schedule.', ents: () => ['BATPRD', 'BATRW', 'OPSPRD', 'TSOUSERS'].map((n) => this.ent(n)) },
      { name: 'Mainframe Finance Ledger', source: 'racf', description: 'Read and update the general ledger datasets.', ents: () => ['GLPRD', 'GLRW', 'FINPRD'].map((n) => this.ent(n)) },
    ];
    for (const def of defs) {
      const created = -rng.int(200, 900) * DAY;
      const modified = Math.min(created + rng.int(0, 180) * DAY, -DAY);
      const ap: AccessProfile = {
        id: rng.id(),
        name: def.name,
        description: def.description,
        sourceId: this.sources.get(def.source)!.id,
        ownerId: this.sources.get(def.source)!.ownerId,
        privileged: def.privileged ?? false,
        entitlementIds: def.ents().map((e) => e.id),
        created: this.iso(created),
        modified: this.iso(modified),
      };
      this.accessProfiles.push(ap);
      this.apByName.set(ap.name, ap);
    }
  }

  private ap(name: string): AccessProfile {
    const ap = this.apByName.get(name);
    if (!ap) throw new Error(`Seed: no access profile ${name}`);
    return ap;
  }

  private buildRoles(): void {
    const rng = this.rng;
    const vp = (dept: string): string => this.personOf(dept, 'vp').identity.id;
    const defs: { name: string; description: string; owner: string; aps: string[]; ents?: string[]; privileged?: boolean; revocable?: boolean }[] = [
      { name: 'Acme Employee Birthright', description: 'Access every employee receives when hired.', owner: vp('HR'), aps: ['AD - All Staff Basics', 'Workday Employee Self-Service'], revocable: false },
      { name: 'People Manager', description: 'Approvals and team data for everyone with direct reports.', owner: vp('HR'), aps: ['Workday Manager Self-Service'], ents: [this.adDn('Intranet-Editors')] },
      { name: 'Software Engineer', description: 'Build, test and ship product code.', owner: vp('Engineering'), aps: ['AD - Engineering Team Access', 'AWS Developer', 'GitHub Contributor'], ents: ['acme-corp/checkout-web:write'] },
      { name: 'Site Reliability Engineer', description: 'Operate production: on-call, deployments and incident response.', owner: this.personOf('Engineering', 'manager', 0).identity.id, aps: ['AWS Production Admin', 'GitHub Contributor', 'ServiceNow ITIL Agent'], ents: ['acme-corp/infra-terraform:admin'], privileged: true },
      { name: 'Sales Representative', description: 'Prospecting, opportunities and forecasts.', owner: PERSONA_IDS.manager, aps: ['AD - Sales Team Access', 'Salesforce Sales Rep'] },
      { name: 'Sales Manager', description: 'Runs a sales team and its forecast.', owner: vp('Sales'), aps: ['Salesforce Sales Manager', 'Workday Manager Self-Service'], ents: [this.adDn('Sales-Commission-Reports')] },
      { name: 'Finance Analyst', description: 'Reporting, planning and general ledger work.', owner: vp('Finance'), aps: ['AD - Finance Team Access', 'SAP GL Accountant'], ents: ['SAP_CO_REPORTING', 'SAP_BW_DISPLAY'] },
      { name: 'Accounts Payable Specialist', description: 'Processes vendor invoices and payments.', owner: this.personOf('Finance', 'manager', 0).identity.id, aps: ['SAP AP Clerk', 'Mainframe Finance Ledger'], ents: [this.adDn('Finance-AP-Approvers')] },
      { name: 'HR Business Partner', description: 'Supports managers and employees through the employee lifecycle.', owner: vp('HR'), aps: ['AD - HR Team Access', 'Workday HR Partner'], ents: [this.adDn('HR-Personnel-Files')] },
      { name: 'IT Service Desk Agent', description: 'First and second line IT support.', owner: PERSONA_IDS.sourceOwner, aps: ['AD - IT Operations Team Access', 'ServiceNow ITIL Agent'], ents: ['sn_request_write'] },
      { name: 'Mainframe Operator', description: 'Runs and monitors mainframe batch processing.', owner: PERSONA_IDS.sourceOwner, aps: ['Mainframe Batch Operator'], ents: ['CICSPRD', 'DB2RO', 'OPERATNS'], privileged: true },
      { name: 'Marketing Specialist', description: 'Campaigns, content and events.', owner: vp('Marketing'), aps: ['AD - Marketing Team Access', 'Salesforce Marketing'] },
      { name: 'Support Engineer', description: 'Resolves customer cases.', owner: vp('Support'), aps: ['AD - Support Team Access', 'ServiceNow ITIL Agent'], ents: ['Service_Cloud_User', 'Knowledge_User'] },
      { name: 'Legal Counsel', description: 'Contracts, litigation and privacy.', owner: vp('Legal'), aps: ['AD - Legal Team Access', 'ServiceNow Requester'], ents: [this.adDn('Legal-Contracts-Vault')] },
    ];
    for (const def of defs) {
      const role: Role = {
        id: rng.id(),
        name: def.name,
        description: def.description,
        ownerId: def.owner,
        privileged: def.privileged ?? false,
        revocable: def.revocable ?? true,
        accessProfileIds: def.aps.map((n) => this.ap(n).id),
        entitlementIds: (def.ents ?? []).map((n) => this.ent(n).id),
      };
      this.roles.push(role);
      this.roleByName.set(role.name, role);
    }
  }

  // ---- access --------------------------------------------------------------------------------------------

  /**
   * Each person's access. The SOURCE_OWNER campaign over Active Directory must hold exactly 10,000 × scale
   * items, so the number of AD group memberships is apportioned to hit that total exactly: Sales people
   * (Morgan's team included) get a fixed handful, everyone else's count is adjusted.
   */
  private buildAssignments(): void {
    const rng = this.rng;
    const ad = this.sources.get('ad')!;
    const target = this.bigCertificationSize();

    interface Plan {
      person: Person;
      list: Assignment[];
      held: Set<string>;
      adCount: number;
      adjustable: boolean;
    }
    const plans: Plan[] = [];
    const planOf = new Map<string, Plan>();
    const give = (plan: Plan, type: AccessType, accessId: string): void => {
      const key = `${type}:${accessId}`;
      if (plan.held.has(key)) return;
      plan.held.add(key);
      plan.list.push({ identityId: plan.person.identity.id, type, accessId, newAccess: rng.chance(0.08) });
    };
    const privilegedBySource = new Map<SourceKey, Entitlement[]>();
    for (const [key, list] of this.entsBySource) privilegedBySource.set(key, list.filter((e) => e.privileged && !this.entDefs.get(e.id)!.special));

    for (const person of this.people) {
      const plan: Plan = { person, list: [], held: new Set(), adCount: 0, adjustable: false };
      plans.push(plan);
      planOf.set(person.identity.id, plan);
      const dept = person.dept;

      // Roles: the birthright role, the department's role, management roles.
      give(plan, 'ROLE', this.roleByName.get('Acme Employee Birthright')!.id);
      if (dept && (person.rank !== 'ic' || rng.chance(0.85))) give(plan, 'ROLE', this.roleByName.get(dept.role)!.id);
      if (person.rank === 'manager' || person.rank === 'vp' || person.rank === 'ceo') give(plan, 'ROLE', this.roleByName.get('People Manager')!.id);
      if (dept?.name === 'Sales' && person.rank === 'manager') give(plan, 'ROLE', this.roleByName.get('Sales Manager')!.id);
      if (person.identity.title === 'Site Reliability Engineer' || (dept?.name === 'Engineering' && rng.chance(0.1))) give(plan, 'ROLE', this.roleByName.get('Site Reliability Engineer')!.id);
      if (person.identity.title === 'Accounts Payable Specialist') give(plan, 'ROLE', this.roleByName.get('Accounts Payable Specialist')!.id);
      if (person.identity.title === 'Mainframe Operator' || (dept?.name === 'IT Operations' && rng.chance(0.15))) give(plan, 'ROLE', this.roleByName.get('Mainframe Operator')!.id);

      // Access profiles.
      if (dept && rng.chance(0.6)) give(plan, 'ACCESS_PROFILE', this.ap(`AD - ${dept.name} Team Access`).id);
      if (rng.chance(0.5)) give(plan, 'ACCESS_PROFILE', this.ap('AD - Remote Access (VPN)').id);
      for (const name of dept?.accessProfiles ?? []) if (rng.chance(0.5)) give(plan, 'ACCESS_PROFILE', this.ap(name).id);
      if (!dept) give(plan, 'ACCESS_PROFILE', this.ap('Workday Manager Self-Service').id);

      // Application entitlements.
      const apps: [SourceKey, number, number][] = dept?.apps ?? [['workday', 1, 2], ['salesforce', 1, 1], ['sap', 1, 1]];
      for (const [key, min, max] of apps) {
        for (const e of rng.sample(this.ordinary(key), rng.int(min, max))) give(plan, 'ENTITLEMENT', e.id);
      }
      // A quarter of people hold one privileged entitlement on one of their systems (what reviews are for).
      if (rng.chance(0.25)) {
        const keys = apps.map(([k]) => k).filter((k) => (privilegedBySource.get(k) ?? []).length > 0);
        if (keys.length > 0) give(plan, 'ENTITLEMENT', rng.pick(privilegedBySource.get(rng.pick(keys))!).id);
      }
      if (dept) {
        const extras = dept.adExtras.filter((x) => x.privileged).map((x) => this.ent(this.adDn(`${dept.code}-${x.fn}`)));
        for (const e of extras) if (rng.chance(0.12)) give(plan, 'ENTITLEMENT', e.id);
      }
      if (dept?.name === 'IT Operations' && rng.chance(0.15)) give(plan, 'ENTITLEMENT', rng.pick(AD_PRIVILEGED.map((dn) => this.ent(dn))).id);

      const fixed = !dept || dept.fixedAd;
      const [min, max] = dept?.ad ?? [15, 25];
      plan.adCount = rng.int(min, max);
      plan.adjustable = !fixed;
    }

    // Deliberate assignments: Morgan's team holds the hostile-looking and spot-checked entitlements.
    const reports = this.morganReports.map((p) => planOf.get(p.identity.id)!);
    const force = (plan: Plan | undefined, name: string): void => {
      if (plan) give(plan, 'ENTITLEMENT', this.ent(name).id);
    };
    force(reports[0], '<img src=x onerror=alert(1)>');
    force(reports[1], '<img src=x onerror=alert(1)>');
    force(reports[2], 'View_All_Data');
    force(reports[3], 'View_All_Data');
    force(reports[4], 'Export_Reports');
    force(reports[5], 'Export_Reports');
    force(reports[6], 'Export_Reports');
    force(reports[7], 'Partner "Portal" & \\Legacy\\ Access');
    force(reports[8], LONG_AD_GROUP);
    const marketing = plans.filter((p) => p.person.dept?.name === 'Marketing' && p.person.rank === 'ic');
    force(marketing[0], 'Partner "Portal" & \\Legacy\\ Access');
    const finance = plans.filter((p) => p.person.dept?.name === 'Finance' && p.person.rank === 'ic');
    for (const plan of finance.slice(0, 3)) force(plan, LONG_AD_GROUP);
    const itOps = plans.filter((p) => p.person.dept?.name === 'IT Operations');
    force(itOps[1], 'CN=Domain Admins,CN=Users,DC=acme,DC=corp');

    // Apportion AD group memberships so that AD access totals exactly `target`.
    const apSource = new Map(this.accessProfiles.map((a) => [a.id, a.sourceId]));
    const entSource = new Map(this.entitlements.map((e) => [e.id, e.sourceId]));
    // The AD owner's own memberships go to their manager (no self-certification): they do not count.
    for (const plan of plans) if (plan.person.identity.id === ad.ownerId) plan.adjustable = false;
    const counted = plans.filter((p) => p.person.identity.id !== ad.ownerId);
    let onAd = 0;
    for (const plan of counted) {
      for (const a of plan.list) {
        const sourceId = a.type === 'ENTITLEMENT' ? entSource.get(a.accessId) : a.type === 'ACCESS_PROFILE' ? apSource.get(a.accessId) : undefined;
        if (sourceId === ad.id) onAd++;
      }
    }
    const adPool = this.ordinary('ad');
    const cap = adPool.length - 6;
    const adjustable = plans.filter((p) => p.adjustable);
    let remaining = target - onAd - counted.reduce((n, p) => n + p.adCount, 0);
    let guard = 0;
    while (remaining !== 0) {
      if (++guard > 10_000_000) throw new Error('Seed: cannot apportion Active Directory access');
      const plan = rng.pick(adjustable);
      if (remaining > 0 && plan.adCount < cap) {
        plan.adCount++;
        remaining--;
      } else if (remaining < 0 && plan.adCount > 5) {
        plan.adCount--;
        remaining++;
      }
    }

    const general = adPool.filter((e) => this.entDefs.get(e.id)!.group === 'general');
    const byDept = new Map<string, Entitlement[]>();
    for (const e of adPool) {
      const group = this.entDefs.get(e.id)!.group;
      if (!group || group === 'general') continue;
      let list = byDept.get(group);
      if (!list) byDept.set(group, (list = []));
      list.push(e);
    }
    for (const plan of plans) {
      const code = plan.person.dept?.code;
      const own = code ? (byDept.get(code) ?? []) : [];
      // Own department's and company-wide groups first, other departments' groups only when those run out.
      let given = 0;
      const take = (pool: Entitlement[]): void => {
        for (const e of pool) {
          if (given >= plan.adCount) return;
          if (plan.held.has(`ENTITLEMENT:${e.id}`)) continue;
          give(plan, 'ENTITLEMENT', e.id);
          given++;
        }
      };
      take(rng.shuffle([...own, ...general]));
      if (given < plan.adCount) take(rng.shuffle(adPool.filter((e) => !own.includes(e) && !general.includes(e))));
      if (given < plan.adCount) throw new Error('Seed: not enough Active Directory groups');
    }

    // Machine identities: cloud and source control access only.
    const awsPool = this.entsBySource.get('aws')!.filter((e) => !this.entDefs.get(e.id)!.special);
    const githubPool = this.entsBySource.get('github')!.filter((e) => !this.entDefs.get(e.id)!.special);
    const machineAssignments: Assignment[] = [];
    this.machines.forEach((m, i) => {
      const picks = [
        ...(i % 4 !== 3 ? rng.sample(awsPool, rng.int(2, 5)) : []),
        ...(i % 4 !== 1 ? rng.sample(githubPool, rng.int(1, 3)) : []),
      ];
      for (const e of picks) machineAssignments.push({ identityId: m.id, type: 'ENTITLEMENT', accessId: e.id, newAccess: rng.chance(0.08) });
    });

    for (const plan of plans) this.assignments.push(...plan.list);
    this.assignments.push(...machineAssignments);
  }

  private bigCertificationSize(): number {
    return Math.round(10_000 * this.scale);
  }

  private buildAccounts(): void {
    const rng = this.rng;
    const entSource = new Map(this.entitlements.map((e) => [e.id, e.sourceId]));
    const apSource = new Map(this.accessProfiles.map((a) => [a.id, a.sourceId]));
    const roleById = new Map(this.roles.map((r) => [r.id, r]));
    const keyBySourceId = new Map([...this.sources].map(([k, s]) => [s.id, k]));
    const sourcesOf = new Map<string, Set<string>>();
    for (const a of this.assignments) {
      let set = sourcesOf.get(a.identityId);
      if (!set) sourcesOf.set(a.identityId, (set = new Set()));
      if (a.type === 'ENTITLEMENT') set.add(entSource.get(a.accessId)!);
      else if (a.type === 'ACCESS_PROFILE') set.add(apSource.get(a.accessId)!);
      else {
        const role = roleById.get(a.accessId)!;
        for (const id of role.accessProfileIds) set.add(apSource.get(id)!);
        for (const id of role.entitlementIds) set.add(entSource.get(id)!);
      }
    }
    const order = [...this.sources.values()].map((s) => s.id);
    for (const identity of this.identities) {
      const set = sourcesOf.get(identity.id);
      if (!set) continue;
      const person = this.personById.get(identity.id);
      for (const sourceId of order) {
        if (!set.has(sourceId)) continue;
        const [nativeIdentity, name] = accountNames(keyBySourceId.get(sourceId)!, identity, person, rng);
        this.accounts.push({
          id: rng.id(),
          identityId: identity.id,
          sourceId,
          nativeIdentity,
          name,
          disabled: rng.chance(0.02),
          locked: rng.chance(0.01),
          created: this.iso(-rng.int(30, 2000) * DAY - rng.int(0, 86_399) * 1000),
          usageDays: rng.chance(0.15) ? null : rng.chance(0.1) ? 0 : rng.int(1, 90),
        });
      }
    }
  }

  // ---- campaigns -------------------------------------------------------------------------------------------

  private generationSource(): GenerationSource {
    return {
      identities: this.identities,
      sources: [...this.sources.values()],
      entitlements: this.entitlements,
      accessProfiles: this.accessProfiles,
      roles: this.roles,
      accounts: this.accounts,
      assignments: this.assignments,
    };
  }

  private buildCampaigns(): void {
    const rng = this.rng;
    const src = (k: SourceKey): string => this.sources.get(k)!.id;
    const morgan = PERSONA_IDS.manager;
    const dana = this.personById.get(PERSONA_IDS.orgAdmin)!.identity;
    const anchorDate = new Date(this.anchor);
    const q = Math.floor(anchorDate.getUTCMonth() / 3) + 1;
    const y = anchorDate.getUTCFullYear();
    const thisQuarter = `Q${q} ${y}`;
    const lastQuarter = q === 1 ? `Q4 ${y - 1}` : `Q${q - 1} ${y}`;
    const reportIds = this.morganReports.map((p) => p.identity.id);
    const spotCheckIds = ['<img src=x onerror=alert(1)>', 'View_All_Data', 'Export_Reports'].map((n) => this.ent(n).id);
    const privilegedAws = this.entsBySource.get('aws')!.filter((e) => e.privileged).map((e) => e.id);
    const roleIds = this.roles.map((r) => r.id);
    const missingSource = rng.id();

    const specs: CampaignSpec[] = [
      {
        name: `${thisQuarter} Manager Review`,
        description: 'Quarterly review of every employee’s access by their manager.',
        type: 'MANAGER', status: 'ACTIVE', created: -12 * DAY, deadline: 2 * DAY, requirement: 'REVOKE_ONLY_DECISIONS',
        recommendations: true, reviewerProgress: { [morgan]: 0.25 },
      },
      {
        name: `${thisQuarter} Active Directory Access Review`,
        description: 'Source owner review of every Active Directory group membership.',
        type: 'SOURCE_OWNER', status: 'ACTIVE', created: -9 * DAY, deadline: 21 * DAY, requirement: 'REVOKE_ONLY_DECISIONS',
        info: { sourceOwnerCampaignInfo: { sourceIds: [src('ad')] }, sourcesWithOrphanEntitlements: [] },
        reviewerProgress: { [PERSONA_IDS.sourceOwner]: 0.03 },
      },
      {
        name: 'Sales Department Access Review',
        description: 'Annual review of everyone in Sales, ahead of the territory reorganisation.',
        type: 'SEARCH', status: 'ACTIVE', created: -6 * DAY, deadline: 30 * DAY, requirement: 'NO_DECISIONS',
        info: { searchCampaignInfo: { type: 'IDENTITY', description: 'Everyone in Sales', query: 'Sales', reviewer: { type: 'IDENTITY', id: morgan, name: 'Morgan Reyes' } } },
        reviewerProgress: { [morgan]: 0.05 },
      },
      {
        name: 'Privileged Sales Access Spot Check',
        description: 'Spot check of sensitive Salesforce permission sets held by the West region team.',
        type: 'SEARCH', status: 'ACTIVE', created: -20 * DAY, deadline: -2 * DAY, requirement: 'ALL_DECISIONS',
        info: {
          searchCampaignInfo: {
            type: 'ACCESS', description: 'Selected Salesforce permission sets', identityIds: reportIds,
            reviewer: { type: 'IDENTITY', id: morgan, name: 'Morgan Reyes' },
            accessConstraints: [{ type: 'ENTITLEMENT', operator: 'SELECTED', ids: spotCheckIds }],
          },
        },
        reviewerProgress: { [morgan]: 0 },
      },
      {
        name: 'Mainframe & ERP Owner Review',
        description: 'Source owner review of Mainframe RACF and SAP ERP access.',
        type: 'SOURCE_OWNER', status: 'ACTIVE', created: -5 * DAY, deadline: 14 * DAY, requirement: 'REVOKE_ONLY_DECISIONS',
        info: { sourceOwnerCampaignInfo: { sourceIds: [src('racf'), src('sap')] }, sourcesWithOrphanEntitlements: [] },
        reviewerProgress: { [PERSONA_IDS.sourceOwner]: 0.3 },
      },
      {
        name: 'Cloud Service Account Review',
        description: 'Owners confirm what their service accounts can do in AWS and GitHub.',
        type: 'MACHINE_ACCOUNT', status: 'ACTIVE', created: -4 * DAY, deadline: 10 * DAY, requirement: 'NO_DECISIONS',
        info: { machineAccountCampaignInfo: { sourceIds: [src('aws'), src('github')], reviewerType: 'ACCOUNT_OWNER' } },
      },
      {
        name: `${thisQuarter} Role Composition Review`,
        description: 'Role owners confirm what each business role grants.',
        type: 'ROLE_COMPOSITION', status: 'STAGED', created: -1 * DAY, deadline: 28 * DAY, requirement: 'REVOKE_ONLY_DECISIONS',
        info: { roleCompositionCampaignInfo: { roleIds: roleIds.slice(1, 9), remediatorRef: { type: 'IDENTITY', id: dana.id, name: dana.name } } },
      },
      {
        name: 'Finance Access Review',
        description: 'Access review of the Finance department before the external audit.',
        type: 'SEARCH', status: 'PENDING', created: 0, deadline: 30 * DAY, requirement: 'ALL_DECISIONS',
        info: { searchCampaignInfo: { type: 'IDENTITY', description: 'Everyone in Finance', query: 'Finance' } },
      },
      {
        name: 'Engineering Privileged Cloud Access',
        description: 'Managers review privileged AWS policies held by engineers.',
        type: 'SEARCH', status: 'ACTIVATING', created: -1 * DAY, deadline: 21 * DAY, requirement: 'REVOKE_ONLY_DECISIONS',
        info: {
          searchCampaignInfo: {
            type: 'ACCESS', description: 'Privileged AWS policies in Engineering', query: 'Engineering',
            accessConstraints: [{ type: 'ENTITLEMENT', operator: 'SELECTED', ids: privilegedAws }],
          },
        },
      },
      {
        name: 'Marketing Access Review (duplicate)',
        description: 'Created twice by mistake; being deleted.',
        type: 'SEARCH', status: 'CANCELING', created: -2 * DAY, deadline: 20 * DAY, requirement: 'NO_DECISIONS',
        info: { searchCampaignInfo: { type: 'IDENTITY', query: 'Marketing' } },
      },
      {
        name: `${lastQuarter} Service Account Review`,
        description: 'Owners confirm what their service accounts can do in AWS and GitHub.',
        type: 'MACHINE_ACCOUNT', status: 'COMPLETING', created: -75 * DAY, deadline: -45 * DAY, requirement: 'NO_DECISIONS',
        info: { machineAccountCampaignInfo: { sourceIds: [src('aws'), src('github')], reviewerType: 'ACCOUNT_OWNER' } },
      },
      {
        name: `${lastQuarter} Manager Review`,
        description: 'Quarterly review of every employee’s access by their manager.',
        type: 'MANAGER', status: 'COMPLETED', created: -100 * DAY, deadline: -70 * DAY, requirement: 'REVOKE_ONLY_DECISIONS',
        recommendations: true,
      },
      {
        name: `${lastQuarter} Sales Privileged Access Review`,
        description: 'Roles and access profiles held by the West region sales team.',
        type: 'SEARCH', status: 'COMPLETED', created: -95 * DAY, deadline: -75 * DAY, requirement: 'ALL_DECISIONS',
        info: {
          searchCampaignInfo: {
            type: 'IDENTITY', identityIds: reportIds, reviewer: { type: 'IDENTITY', id: morgan, name: 'Morgan Reyes' },
            accessConstraints: [{ type: 'ROLE', operator: 'ALL' }, { type: 'ACCESS_PROFILE', operator: 'ALL' }],
          },
        },
      },
      {
        name: `${lastQuarter} Workday & Salesforce Owner Review`,
        description: 'Source owner review of Workday and Salesforce.',
        type: 'SOURCE_OWNER', status: 'COMPLETED', created: -90 * DAY, deadline: -60 * DAY, requirement: 'REVOKE_ONLY_DECISIONS',
        info: { sourceOwnerCampaignInfo: { sourceIds: [src('workday'), src('salesforce')] }, sourcesWithOrphanEntitlements: [] },
      },
      {
        name: 'Legacy Payroll Owner Review',
        description: 'Review of the retired PeopleSoft payroll source.',
        type: 'SOURCE_OWNER', status: 'ERROR', created: -3 * DAY, deadline: 25 * DAY, requirement: 'REVOKE_ONLY_DECISIONS',
        info: { sourceOwnerCampaignInfo: { sourceIds: [missingSource] } },
      },
      {
        name: `${y - 1} Annual Role Composition Review`,
        description: 'Yearly review of every business role.',
        type: 'ROLE_COMPOSITION', status: 'ARCHIVED', created: -400 * DAY, deadline: -370 * DAY, requirement: 'NO_DECISIONS',
        info: { roleCompositionCampaignInfo: { remediatorRef: { type: 'IDENTITY', id: dana.id, name: dana.name } } },
      },
    ];

    const source = this.generationSource();
    for (const spec of specs) this.buildCampaign(spec, source);
  }

  private buildCampaign(spec: CampaignSpec, source: GenerationSource): void {
    const rng = this.rng;
    const campaign: CampaignRecord = {
      id: rng.id(),
      name: spec.name,
      description: spec.description,
      deadline: this.iso(spec.deadline),
      type: spec.type,
      status: spec.status,
      emailNotificationEnabled: true,
      autoRevokeAllowed: spec.autoRevoke ?? false,
      recommendationsEnabled: spec.recommendations ?? false,
      correlatedStatus: 'CORRELATED',
      created: this.iso(spec.created),
      modified: this.iso(spec.created),
      totalCertifications: 0,
      completedCertifications: 0,
      alerts: [],
      filter: null,
      sunsetCommentsRequired: true,
      mandatoryCommentRequirement: spec.requirement,
      ...spec.info,
      transitionAt: spec.status === 'PENDING' ? this.iso(3000) : null,
    };
    this.campaigns.push(campaign);
    if (spec.status === 'PENDING') return;

    const staged = spec.status === 'STAGED' || spec.status === 'ACTIVATING' || spec.status === 'CANCELING';
    const generatedAt = spec.created + 5 * MINUTE;
    const content = generateCampaignContent(campaign, source, { newId: () => rng.id(), now: this.iso(generatedAt), phase: staged ? 'STAGED' : 'ACTIVE' });
    campaign.alerts = content.alerts;
    if (spec.status === 'ERROR') {
      campaign.modified = this.iso(generatedAt);
      return;
    }
    if (content.alerts.some((a) => a.level === 'ERROR' || a.level === 'WARN')) {
      throw new Error(`Seed: campaign ${spec.name} generated with alerts: ${JSON.stringify(content.alerts)}`);
    }

    const itemsByCert = new Map<string, ItemRecord[]>();
    for (const item of content.items) {
      let list = itemsByCert.get(item.certificationId);
      if (!list) itemsByCert.set(item.certificationId, (list = []));
      list.push(item);
    }

    let lastChange = generatedAt;
    const finished = spec.status === 'COMPLETED' || spec.status === 'COMPLETING' || spec.status === 'ARCHIVED';
    const activeFrom = generatedAt + HOUR;
    if (finished) {
      // Every item decided, every certification signed before the deadline.
      for (const cert of content.certifications) {
        const signedAt = activeFrom + Math.floor(rng.float() * (spec.deadline - DAY - activeFrom));
        this.decide(itemsByCert.get(cert.id) ?? [], Infinity, spec.requirement, signedAt);
        this.sign(cert, signedAt);
        lastChange = Math.max(lastChange, signedAt);
      }
    } else if (spec.status === 'ACTIVE') {
      const until = -HOUR;
      for (const cert of content.certifications) {
        const certItems = itemsByCert.get(cert.id) ?? [];
        const at = activeFrom + Math.floor(rng.float() * (until - activeFrom));
        const fixed = spec.reviewerProgress?.[cert.reviewerId];
        if (fixed !== undefined) {
          const count = Math.floor(certItems.length * fixed);
          if (count > 0) {
            this.decide(certItems, count, spec.requirement, at);
            cert.modified = this.iso(at);
            lastChange = Math.max(lastChange, at);
          }
          continue;
        }
        const roll = rng.float();
        if (roll < 0.35) {
          this.decide(certItems, Infinity, spec.requirement, at);
          this.sign(cert, at);
        } else if (roll < 0.75) {
          this.decide(certItems, Math.floor(certItems.length * (0.1 + rng.float() * 0.7)), spec.requirement, at);
          cert.modified = this.iso(at);
        } else {
          continue;
        }
        lastChange = Math.max(lastChange, at);
      }
    }

    this.certifications.push(...content.certifications);
    this.items.push(...content.items);
    campaign.totalCertifications = content.certifications.length;
    campaign.completedCertifications = content.certifications.filter((c) => c.phase === 'SIGNED').length;
    campaign.modified = this.iso(finished ? lastChange + 2 * HOUR : lastChange);

    if (spec.status === 'COMPLETED' && spec.type === 'MANAGER') {
      const ranAt = lastChange + 3 * HOUR;
      for (const reportType of ['CAMPAIGN_STATUS_REPORT', 'CERTIFICATION_SIGNOFF_REPORT'] as const) {
        this.reports.push({ id: rng.id(), campaignId: campaign.id, reportType, status: 'SUCCESS', lastRunAt: this.iso(ranAt), finishAt: this.iso(ranAt + 40_000) });
      }
    }
  }

  /** Decides the first `count` items, as a reviewer working down the list would. */
  private decide(items: ItemRecord[], count: number, requirement: MandatoryCommentRequirement, at: number): void {
    const rng = this.rng;
    const bulkApprover = rng.chance(0.4);
    const n = Math.min(count, items.length);
    for (let i = 0; i < n; i++) {
      const item = items[i]!;
      const revoke = rng.chance(0.06);
      item.decision = revoke ? 'REVOKE' : 'APPROVE';
      const needsComment = requirement === 'ALL_DECISIONS' || (revoke && requirement === 'REVOKE_ONLY_DECISIONS');
      if (revoke) {
        item.comments = needsComment || rng.chance(0.7) ? rng.pick(REVOKE_COMMENTS) : null;
        item.proposedEndDate = rng.chance(0.3) ? this.iso(at + 14 * DAY) : null;
      } else {
        item.comments = needsComment || rng.chance(0.03) ? rng.pick(APPROVE_COMMENTS) : null;
        item.bulk = bulkApprover && item.comments === null;
      }
    }
  }

  private sign(cert: CertificationRecord, at: number): void {
    cert.phase = 'SIGNED';
    cert.signed = this.iso(at);
    cert.modified = this.iso(at);
  }

  // ---- templates -----------------------------------------------------------------------------------------

  private buildTemplates(): void {
    const rng = this.rng;
    const chen = this.personById.get(PERSONA_IDS.certAdmin)!.identity;
    const ownerRef = { id: chen.id, type: 'IDENTITY', name: chen.name, email: chen.email };
    const base = (name: string, description: string, type: CampaignType, requirement: MandatoryCommentRequirement): Campaign => ({
      id: null,
      name,
      description,
      deadline: null,
      type,
      status: null,
      emailNotificationEnabled: true,
      autoRevokeAllowed: false,
      recommendationsEnabled: false,
      correlatedStatus: 'CORRELATED',
      created: null,
      totalCertifications: null,
      completedCertifications: null,
      alerts: null,
      filter: null,
      sunsetCommentsRequired: true,
      mandatoryCommentRequirement: requirement,
    });
    const privilegedAws = this.entsBySource.get('aws')!.filter((e) => e.privileged).map((e) => e.id);
    const defs: { name: string; description: string; deadlineDuration: string; campaign: Campaign; schedule?: boolean; created: number }[] = [
      {
        name: 'Monthly Privileged Cloud Access Review',
        description: 'Managers review privileged AWS policies every month.',
        deadlineDuration: 'P2W',
        created: -180 * DAY,
        schedule: true,
        campaign: {
          ...base('Privileged Cloud Access Review %tB %tY', 'Managers review privileged AWS policies.', 'SEARCH', 'REVOKE_ONLY_DECISIONS'),
          searchCampaignInfo: { type: 'ACCESS', query: 'Engineering', accessConstraints: [{ type: 'ENTITLEMENT', operator: 'SELECTED', ids: privilegedAws }] },
        },
      },
      {
        name: 'Quarterly Manager Review',
        description: 'Every manager reviews their direct reports’ access.',
        deadlineDuration: 'P30D',
        created: -300 * DAY,
        campaign: base('Quarterly Manager Review %tB %tY', 'Quarterly review of every employee’s access by their manager.', 'MANAGER', 'REVOKE_ONLY_DECISIONS'),
      },
      {
        name: 'Annual Source Owner Review',
        description: 'Owners of the core systems review all of their access once a year.',
        deadlineDuration: 'P1M',
        created: -420 * DAY,
        campaign: {
          ...base('Annual Source Owner Review %tY', 'Source owner review of the core systems.', 'SOURCE_OWNER', 'ALL_DECISIONS'),
          sourceOwnerCampaignInfo: { sourceIds: (['ad', 'sap', 'workday'] as const).map((k) => this.sources.get(k)!.id) },
        },
      },
    ];
    for (const def of defs) {
      const id = rng.id();
      this.templates.push({
        id,
        name: def.name,
        description: def.description,
        created: this.iso(def.created),
        modified: this.iso(def.created + 7 * DAY),
        scheduled: def.schedule ?? false,
        ownerRef,
        deadlineDuration: def.deadlineDuration,
        campaign: def.campaign,
      });
      if (def.schedule) {
        // Last looked at 40 days ago: the first look generates the latest monthly run, which then waits in STAGED.
        this.schedules.push({ id, type: 'MONTHLY', hours: { type: 'LIST', values: ['9'] }, days: { type: 'LIST', values: ['1'] }, timeZoneId: 'UTC', checkedThrough: this.iso(-40 * DAY) });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

function ascii(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z-]/g, '');
}

function emailOf(first: string, last: string): string {
  return `${ascii(first)}.${ascii(last)}@${EMAIL_DOMAIN}`;
}

/** Largest-remainder apportionment of `total` by `shares`. */
function apportion(total: number, shares: number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (total * s) / sum);
  const result = exact.map(Math.floor);
  let left = total - result.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    result[i] = result[i]! + 1;
  }
  return result;
}

/** An account's native identity and name, in the style of its source. */
function accountNames(key: SourceKey, identity: Identity, person: Person | undefined, rng: Rng): [string, string] {
  if (!person) {
    // Machine identities.
    if (key === 'aws') return [`arn:aws:iam::${AWS_ACCOUNT}:role/${identity.name}`, identity.name];
    if (key === 'github') return [`${identity.name}[bot]`, `${identity.name}[bot]`];
    return [identity.name, identity.name];
  }
  const first = ascii(person.first).replace(/-/g, '');
  const last = ascii(person.last).replace(/-/g, '');
  const dotted = `${first}.${last}`;
  switch (key) {
    case 'ad':
      return [`CN=${identity.name},OU=Users,OU=${identity.department},DC=acme,DC=corp`, `${first.charAt(0)}${last}`.slice(0, 20)];
    case 'workday':
      return [`E${person.number}`, identity.name];
    case 'salesforce':
      return [`0058c00000${hex8(rng.uint()).slice(0, 8).toUpperCase()}`, identity.email ?? dotted];
    case 'aws':
      return [`arn:aws:iam::${AWS_ACCOUNT}:user/${dotted}`, dotted];
    case 'sap':
      return [`${first.charAt(0)}${last}`.toUpperCase().slice(0, 12), `${first.charAt(0)}${last}`.toUpperCase().slice(0, 12)];
    case 'github':
      return [`${first}${last}-acme`, `${first}${last}-acme`];
    case 'servicenow':
      return [dotted, dotted];
    case 'racf': {
      const id = `${last.slice(0, 3)}${first.charAt(0)}${String(person.number % 1000).padStart(3, '0')}`.toUpperCase();
      return [id, id];
    }
  }
}

/** The deterministic seed data set. */
export function createSeed(options: SeedOptions): SeedData {
  return new SeedBuilder(options).build();
}

/** The last seed built for each scale, with the anchor it was built for. */
const built = new Map<number, { anchor: number; seed: SeedData }>();

/**
 * The seed for these options, built once per scale and anchor and then shared: a reset at the same moment
 * (every test of a file) reuses it. It is frozen, because stores share its records (the sandbox replaces a
 * record on change, never edits it), so a rule that edited one in place would throw instead of corrupting
 * the next reset.
 */
export function sharedSeed(options: SeedOptions): SeedData {
  const scale = options.scale ?? 1;
  const hit = built.get(scale);
  if (hit && hit.anchor === options.anchor) return hit.seed;
  const seed = deepFreeze(createSeed(options));
  built.set(scale, { anchor: options.anchor, seed });
  return seed;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
