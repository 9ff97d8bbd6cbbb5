/**
 * Whether any rule can run for an entry, asked once its fields are read (see checkEntry): an
 * ordinary service whose fee number no rule is keyed on, and which has nothing the rules of
 * every fee number need, is checked without a copy — its fields read and reported as for one.
 * In a batch with counters (checkAll), also no counter may count it: a counted entry is copied.
 */
import type { BundleInternals, Plan } from '../compile/bundle';
import { ANY_RECORD_TYPE, CASE_HEAD, HAS_HDRG, HAS_RECORD, type Routes } from '../compile/trigger-index';
import type { EntryGate } from '../facts/entry';

/** The counters of a batch (see BatchIndex.mayCount). */
export interface Counters {
  mayCount(day: number, date: string, gop: string, hybridDrg: boolean): boolean;
}

export class RouteGate implements EntryGate {
  /**
   * The last entry that something runs for: its day number, fee number and mask, and what was
   * looked up for it — which the checker's run of that entry, next, takes instead of looking
   * it up again when its own mask is the same. Kept only then: an entry nothing runs for stores nothing.
   */
  day = -1;
  gop = '';
  /** The fee number's feeNumberCode: a five-digit one (>= 0) is told apart by it alone, without a string compare. */
  digits = -2;
  mask = -1;
  plan: Plan | null = null;
  routes: Routes | null = null;
  start = 0;
  /** The counters of the batch being checked (checkAll), or null. */
  counters: Counters | null = null;

  constructor(
    readonly inner: BundleInternals,
    /** HAS_CONTEXT when the checker has a practice context, else 0. */
    private readonly context: number,
  ) {}

  /**
   * True when no counter may count such an entry and no rule runs for it. With a case, its
   * record and its place in the case are taken as given (neither is read yet): a route of more
   * needs holds every rule of one of fewer, so a "nothing" here is nothing for the entry as the
   * checker sees it.
   */
  runsNothing(day: number, date: string, gop: string, digits: number, fields: number, hasCase: boolean, costCount: number): boolean {
    const mask = fields | this.context | (hasCase ? HAS_RECORD | CASE_HEAD | ANY_RECORD_TYPE : CASE_HEAD);
    const plan = this.inner.planOn(day);
    const routes = plan.index.routesFor(mask);
    const start = routes.find(gop, digits);
    // The counters asked only for an entry no rule runs for (the cheaper question first).
    if (routes.runsNothing(start, costCount) && (this.counters === null || !this.mayCount(this.counters, plan, day, date, gop, digits, (fields & HAS_HDRG) !== 0))) return true;
    this.day = day;
    this.gop = gop;
    this.digits = digits;
    this.mask = mask;
    // Only when they change (the same for most entries): each store costs V8's write barrier.
    if (this.plan !== plan) this.plan = plan;
    if (this.routes !== routes) this.routes = routes;
    this.start = start;
    return false;
  }

  /**
   * counters.mayCount, remembered per plan, five-digit fee number (`digits`, see feeNumberCode)
   * and Hybrid-DRG flag for every batch: 0 not asked yet, 1 no, 2 yes. The answer is the plan's
   * counters' alone, fixed once compiled; a plan with a counter that reads the date
   * (CounterSpec.dated) asks them every time.
   */
  private mayCount(counters: Counters, plan: Plan, day: number, date: string, gop: string, digits: number, hybridDrg: boolean): boolean {
    let memo = plan.counted;
    if (memo === undefined) memo = plan.counted = plan.versions.some((v) => v.env.counters.some((c) => c.dated)) ? null : new Uint8Array(200_000);
    if (memo === null || digits < 0) return counters.mayCount(day, date, gop, hybridDrg);
    const at = hybridDrg ? digits + 100_000 : digits;
    let state = memo[at]!;
    if (state === 0) memo[at] = state = counters.mayCount(day, date, gop, hybridDrg) ? 2 : 1;
    return state === 2;
  }
}
