/** docs/metrics.md "Detailed report": phones in chat keep their first 5 and last 3 characters (+8490****567). */
export function maskPhone(phone: string | null): string {
  if (!phone) return '';
  if (phone.length <= 8) return phone.slice(0, Math.min(phone.length, 2)) + '*'.repeat(Math.max(phone.length - 2, 0));
  return phone.slice(0, 5) + '*'.repeat(phone.length - 8) + phone.slice(-3);
}
