import { z } from 'zod';
import type { CloudBudget, LedgerTotals, TokenUsage } from '../../contract';
import { JsonFile } from '../settings/json-file';
import type { Price } from './cost';

/**
 * The monthly cloud budget: requests, tokens, or dollars at the user's price, counted from each response's `usage`
 * (estimated from the bytes where a server sends none: 4 bytes a token). When it is spent, the router keeps lines on
 * the device and says so on each caption. The month's counts survive restarts (a small file in the app's folder).
 */

const Spent = z.object({ month: z.string(), requests: z.number().nonnegative(), tokens: z.number().nonnegative(), usd: z.number().nonnegative() });
export type Spent = z.infer<typeof Spent>;

export interface BudgetStore {
  load(): Spent | null;
  save(spent: Spent): void;
}

/** The month's counts in `cloud-budget.json`; a lost write under-counts one line, never blocks one. */
export class FileBudgetStore implements BudgetStore {
  private readonly json: JsonFile<Spent>;
  constructor(file: string) {
    this.json = new JsonFile(file, Spent);
  }
  load(): Spent | null {
    return this.json.read();
  }
  save(spent: Spent): void {
    this.json.write(spent);
  }
}

const BYTES_PER_TOKEN = 4;

/** The calendar month a moment falls in, in the user's time zone ("2026-12"). */
const monthOf = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;

export interface BudgetCaption {
  cloud?: { requests: number; usage: TokenUsage | null } | null;
  bytes: { sent: number; received: number };
}

export class Budget {
  private spent: Spent;

  constructor(
    private readonly store: BudgetStore | null = null,
    private readonly now: () => Date = () => new Date(),
  ) {
    const loaded = store?.load() ?? null;
    this.spent = loaded && loaded.month === monthOf(this.now()) ? loaded : this.fresh();
  }

  /** Counts what a caption's text cost in the cloud (its retries included). */
  add(caption: BudgetCaption, price: Price | null): void {
    if (!caption.cloud) return;
    this.roll();
    const usage = caption.cloud.usage ?? { prompt_tokens: Math.ceil(caption.bytes.sent / BYTES_PER_TOKEN), completion_tokens: Math.ceil(caption.bytes.received / BYTES_PER_TOKEN / 4) };
    this.spent.requests += caption.cloud.requests;
    this.spent.tokens += usage.prompt_tokens + usage.completion_tokens;
    if (price) this.spent.usd += (usage.prompt_tokens * price.input + usage.completion_tokens * price.output) / 1e6;
    this.store?.save(this.spent);
  }

  /** Why lines must stay on the device now (the budget is spent), or null. */
  spentReason(budget: CloudBudget): string | null {
    const left = this.left(budget);
    if (!left || left.left > 0) return null;
    const unit = ({ requests: 'requests', tokens: 'tokens', usd: 'US dollars' } as const)[left.kind];
    return `monthly cloud budget spent (${formatAmount(left.spent, left.kind)} of ${formatAmount(left.limit, left.kind)} ${unit})`;
  }

  /** The ledger's view: what this month's budget allows and what is left; null without a budget. */
  left(budget: CloudBudget): NonNullable<LedgerTotals['budget']> | null {
    if (budget.kind === 'off') return null;
    this.roll();
    const spent = budget.kind === 'requests' ? this.spent.requests : budget.kind === 'tokens' ? this.spent.tokens : this.spent.usd;
    return { kind: budget.kind, month: this.spent.month, limit: budget.limit, spent, left: Math.max(0, budget.limit - spent) };
  }

  /** A new month starts from zero. */
  private roll(): void {
    if (this.spent.month !== monthOf(this.now())) this.spent = this.fresh();
  }

  private fresh(): Spent {
    return { month: monthOf(this.now()), requests: 0, tokens: 0, usd: 0 };
  }
}

function formatAmount(value: number, kind: string): string {
  return kind === 'usd' ? value.toFixed(2) : String(Math.round(value));
}
