/**
 * The shape of an account id (docs/cli.md `account`): letters, digits, ".", "_" and "-", at most 64, starting
 * with a letter or digit. The `account` command creates no other, so anything else names no account and is
 * refused before a query sees it.
 */
const ACCOUNT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const MAX_ACCOUNT_ID_LENGTH = 64;

export function isAccountId(text: string): boolean {
  return text.length <= MAX_ACCOUNT_ID_LENGTH && ACCOUNT_ID.test(text);
}
