import { InvalidInput } from '../../domain/errors';
import { isDecimalString } from '../../domain/decimal';
import { requireAccount } from '../../reports/report-context';
import { applyTariffToCalls } from '../../storage/rebuild-rollups';
import { saveTariff } from '../../storage/voicebots';
import { parseCommandArgs, requirePositional } from '../args';
import { CliContext } from '../cli-context';

const USAGE = '<bot_id> [--account A] [--block-seconds N] [--price P] [--currency C]';

/** `tariff`: sets a bot's tariff, then re-derives blocks and cost of its stored calls. */
export async function tariffCommand(ctx: CliContext, argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'tariff',
    argv,
    {
      account: { type: 'string' },
      'block-seconds': { type: 'string' },
      price: { type: 'string' },
      currency: { type: 'string' },
    },
    USAGE,
  );
  const botId = requirePositional(positionals, 0, 'a bot id', 'tariff', USAGE);
  const accountId = values.account ?? 'default';
  await requireAccount(ctx.db, accountId);
  const blockSeconds = values['block-seconds'] === undefined ? undefined : Number(values['block-seconds']);
  if (blockSeconds !== undefined && (!Number.isInteger(blockSeconds) || blockSeconds < 1 || blockSeconds > 3600)) {
    throw new InvalidInput(`--block-seconds must be a whole number from 1 to 3600, not "${values['block-seconds']}"`);
  }
  const price = values.price;
  if (price !== undefined && price !== 'none' && !isDecimalString(price)) {
    throw new InvalidInput(`--price must be a decimal of 0 or more such as 1200.50 (or "none"), not "${price}"`);
  }
  const currency = values.currency?.toUpperCase();
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency))
    throw new InvalidInput(`--currency must be a 3-letter code such as VND, not "${values.currency}"`);
  const bot = await ctx.db.transaction(async (trx) => {
    const saved = await saveTariff(trx, accountId, botId, {
      blockSeconds,
      pricePerBlock: price === undefined ? undefined : price === 'none' ? null : price,
      currency,
    });
    await applyTariffToCalls(trx, accountId, botId);
    return saved;
  });
  ctx.out(
    `tariff of ${bot.botId}: ${bot.blockSeconds} s a block, ${bot.pricePerBlock === null ? 'no price' : `${bot.pricePerBlock} ${bot.currency} a block`}`,
  );
  return 0;
}
