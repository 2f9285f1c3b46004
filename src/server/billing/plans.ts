/**
 * Plans: what a subscription allows (participants per meeting, meetings at once, meeting length,
 * storage) and what it costs per period, in money (euro cents) and in the network's credits (its
 * minor units). Seeded with Meet.coop's published levels; operators edit them.
 */
import type { Plan } from '../../shared/billing-api.js';

/** The plan of every organisation without a subscription, and of rooms of people without one. */
export const freePlanId = 'free';

/** A plan as seeded: the price in whole euros; credits cost the same number of whole credits (1 credit = €1). */
interface SeedPlan extends Omit<Plan, 'moneyPriceMinor' | 'creditPriceMinor' | 'position'> {
  euros: number;
}

/** Meet.coop's levels (2020–2023), each monthly, VAT at 0 % until the operators set theirs. */
const seeds: SeedPlan[] = [
  {
    id: 'free',
    name: 'Free',
    participantsMax: 5,
    meetingsMax: 1,
    meetingMinutesMax: 60,
    storageMb: 0,
    period: 'month',
    taxRateBasisPoints: 0,
    quoted: false,
    euros: 0,
  },
  {
    id: 'level-1',
    name: 'Level 1',
    participantsMax: 10,
    meetingsMax: 1,
    meetingMinutesMax: null,
    storageMb: 1_000,
    period: 'month',
    taxRateBasisPoints: 0,
    quoted: false,
    euros: 10,
  },
  {
    id: 'level-2',
    name: 'Level 2',
    participantsMax: 20,
    meetingsMax: 1,
    meetingMinutesMax: null,
    storageMb: 2_000,
    period: 'month',
    taxRateBasisPoints: 0,
    quoted: false,
    euros: 20,
  },
  {
    id: 'level-3',
    name: 'Level 3',
    participantsMax: 50,
    meetingsMax: 1,
    meetingMinutesMax: null,
    storageMb: 5_000,
    period: 'month',
    taxRateBasisPoints: 0,
    quoted: false,
    euros: 45,
  },
  {
    id: 'multi-room',
    name: 'Multi-room',
    participantsMax: 100,
    meetingsMax: 5,
    meetingMinutesMax: null,
    storageMb: 20_000,
    period: 'month',
    taxRateBasisPoints: 0,
    quoted: false,
    euros: 100,
  },
  {
    id: 'custom',
    name: 'Custom',
    participantsMax: 100,
    meetingsMax: null,
    meetingMinutesMax: null,
    storageMb: 50_000,
    period: 'month',
    taxRateBasisPoints: 0,
    quoted: true,
    euros: 0,
  },
];

/** The seeded plans, their credit prices at the network currency's `creditScale` (decimal places). */
export function seedPlans(creditScale: number): Plan[] {
  return seeds.map(({ euros, ...plan }, position) => ({
    ...plan,
    position,
    moneyPriceMinor: BigInt(euros) * 100n,
    creditPriceMinor: BigInt(euros) * 10n ** BigInt(creditScale),
  }));
}
