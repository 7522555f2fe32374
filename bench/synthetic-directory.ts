// Synthetic Microsoft Graph users for benchmarks: the JSON shape Graph returns, with realistic value spreads.

/** A small deterministic PRNG (mulberry32), so every run measures the same directory. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const departments = ['Sales', 'Marketing', 'Research', 'Engineering', 'Finance', 'HR', 'Legal', 'Support', 'Operations', 'IT'];
export const countries = ['US', 'CA', 'NZ', 'AU', 'GB', 'DE', 'FR', 'JP', 'IN', 'BR'];
export const cities = ['Seattle', 'Toronto', 'Auckland', 'Sydney', 'London', 'Berlin', 'Paris', 'Tokyo', 'Pune', 'Lagos'];
export const jobTitles = ['Account Manager', 'Account Executive', 'Analyst', 'Engineer', 'Designer', 'Director', 'Consultant', 'Administrator'];
export const servicePlanIds = [
  'efb87545-963c-4e0d-99df-69c6916d9eb0', '9aaf7827-d63c-4b61-89c3-182f06f82e5c', '5dbe027f-2339-4123-9542-606e4d348a72',
  '57ff2da0-773e-42df-b2af-ffb7a2317929', '0feaeb32-d00e-4d66-bd5a-43b5b83db82c', '2078e8df-cff6-4290-98cb-5408261a760a',
];
const statuses = ['Enabled', 'Enabled', 'Enabled', 'Deleted', 'Suspended'];
const services = ['exchange', 'SharePoint', 'MicrosoftCommunicationsOnline', 'SCO', 'TeamspaceAPI'];
const givenNames = ['Ada', 'Ben', 'Cara', 'Dan', 'Eve', 'Finn', 'Gia', 'Hugo', 'Ines', 'Jon', 'Kai', 'Lea', 'Mo', 'Nia', 'Omar', 'Pia'];
const surnames = ['Ito', 'Ortiz', 'Diaz', 'Roe', 'Park', 'Berg', 'Duarte', 'Raman', 'Pike', 'Moreno', 'Quinn', 'Stone'];

/** `count` Graph users; about one in twenty lacks a department, as real directories do. */
export function syntheticUsers(count: number, seed = 42): Record<string, unknown>[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const users: Record<string, unknown>[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const given = pick(givenNames);
    const surname = pick(surnames);
    const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    const assignedPlans = Array.from({ length: Math.floor(random() * 7) }, () => ({
      assignedDateTime: '2024-03-01T10:00:00Z', capabilityStatus: pick(statuses), service: pick(services), servicePlanId: pick(servicePlanIds),
    }));
    users[i] = {
      id,
      displayName: `${given} ${surname} ${i}`,
      givenName: given,
      surname,
      userPrincipalName: `${given}.${surname}.${i}@contoso.com`.toLowerCase(),
      mail: `${given}.${surname}.${i}@contoso.com`,
      accountEnabled: random() > 0.05,
      userType: random() > 0.1 ? 'Member' : 'Guest',
      department: random() > 0.05 ? pick(departments) : null,
      country: pick(countries),
      city: pick(cities),
      jobTitle: pick(jobTitles),
      employeeHireDate: new Date(Date.UTC(2015, 0, 1) + Math.floor(random() * 4000) * 86_400_000).toISOString(),
      otherMails: random() > 0.7 ? [`${given}@fabrikam.com`] : [],
      onPremisesExtensionAttributes: { extensionAttribute1: pick(['A', 'B', 'C']), extensionAttribute2: null },
      assignedPlans,
    };
  }
  return users;
}
