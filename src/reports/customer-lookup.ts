import { phoneFromInput, phoneSpellings } from '../domain/phone-number';
import { Db } from '../storage/connection';
import { MatchedCall, findCallsOf } from '../storage/personal-data-erasure';

/** One customer's calls in one account, as forget and export-customer find them. */
export interface CustomerCalls {
  /** The customer ids of that person (one, unless a phone was typed that several ids carried). */
  customerIds: string[];
  /** Their phones, E.164. */
  phones: string[];
  /** Calls of those customer ids. */
  calls: MatchedCall[];
  /** Calls of other customer ids that carried one of the phones. */
  phoneOnlyCalls: MatchedCall[];
}

/**
 * Reads what the operator typed as a customer id and, when it looks like one, as a phone in any spelling
 * (`+84 90 123 4567`, `84901234567`, `0901234567` with the account zone's calling code); customer ids made
 * of a phone match too. Then follows phones to the ids that carried them until nothing new turns up.
 */
export async function findCustomerCalls(
  db: Db,
  accountId: string,
  timeZone: string,
  input: string,
): Promise<CustomerCalls> {
  const typedPhone = phoneFromInput(input, timeZone);
  const ids = new Set<string>([input.trim()]);
  const phones = new Set<string>();
  if (typedPhone) {
    phones.add(typedPhone);
    for (const spelling of phoneSpellings(typedPhone, timeZone)) ids.add(spelling);
  }
  const personIds = new Set<string>();
  let calls: MatchedCall[] = [];
  for (let round = 0; round < 4; round += 1) {
    calls = await findCallsOf(db, accountId, [...ids], [...phones]);
    let grew = false;
    for (const call of calls) {
      // A typed phone makes every id that carried it this person's; a typed id brings its calls' phones.
      const mine = ids.has(call.customerId) || (typedPhone !== null && call.phone !== null && phones.has(call.phone));
      if (!mine) continue;
      personIds.add(call.customerId);
      if (!ids.has(call.customerId)) {
        ids.add(call.customerId);
        grew = true;
      }
      if (call.phone !== null && !phones.has(call.phone)) {
        phones.add(call.phone);
        grew = true;
      }
    }
    if (!grew) break;
  }
  return {
    customerIds: [...personIds].sort(),
    phones: [...phones].sort(),
    calls: calls.filter((call) => personIds.has(call.customerId)),
    phoneOnlyCalls: calls.filter((call) => !personIds.has(call.customerId)),
  };
}
