/**
 * Whether any rule can run for an entry, asked once its fields are read (see checkEntry): an
 * ordinary service whose fee number no rule is keyed on, and which has nothing the rules of
 * every fee number need, is checked without a copy — its fields read and reported as for one.
 */
import type { BundleInternals } from '../compile/bundle';
import { CASE_HEAD, HAS_RECORD } from '../compile/trigger-index';
import type { EntryGate } from '../facts/entry';

export class RouteGate implements EntryGate {
  constructor(
    readonly inner: BundleInternals,
    /** HAS_CONTEXT when the checker has a practice context, else 0. */
    private readonly context: number,
  ) {}

  /**
   * True when no rule runs for such an entry. With a case, its record and its place in the
   * case are taken as given (neither is read yet): a route of more needs holds every rule of
   * one of fewer, so a "nothing" here is nothing for the entry as the checker sees it.
   */
  runsNothing(day: number, gop: string, fields: number, hasCase: boolean, costCount: number): boolean {
    const routes = this.inner.planOn(day).index.routesFor(fields | this.context | (hasCase ? HAS_RECORD | CASE_HEAD : CASE_HEAD));
    return routes.runsNothing(routes.find(gop), costCount);
  }
}
