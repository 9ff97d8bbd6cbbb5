/**
 * When a team's basis for ASV participation lapses: its own module, because the facts need it
 * at run time and the practice-context loader (with its schema validator) must not come along.
 */
import type { MemberDoc, TeamDoc } from './context';
import { addMonths } from './working-days';
import { addDays } from '../facts/calendar';

/**
 * Days from which the team's basis for ASV participation has lapsed: for every required member
 * who left — the team lead, or the only core-team member of a Fachgruppe still there on the day
 * of leaving — without a member of that Fachgruppe (for a lead: a new lead of it) joining
 * within `months` months, the first day after them. Sorted; usually empty.
 */
export function lapsesOf(team: TeamDoc, months: number): { from: string; member: MemberDoc }[] {
  const core = team.members.filter((m) => m.role === 'teamleitung' || m.role === 'kernteam');
  const activeOn = (m: MemberDoc, d: string) => m.joined <= d && (!m.left || d < m.left);
  const out: { from: string; member: MemberDoc }[] = [];
  for (const m of core) {
    if (!m.left) continue;
    const others = core.filter((o) => o !== m && o.specialty === m.specialty);
    // Needed: the lead always; a core member if nobody else of the Fachgruppe is still there.
    const needed = m.role === 'teamleitung' || !others.some((o) => activeOn(o, m.left!));
    if (!needed) continue;
    const deadline = addMonths(m.left, months);
    // Replaced: someone of the Fachgruppe (for a lead: a new lead) joined by the deadline and stayed beyond m's last day.
    const replaced = others.some((o) => o.joined <= deadline && (!o.left || o.left > m.left!) && (m.role !== 'teamleitung' || o.role === 'teamleitung'));
    if (!replaced) out.push({ from: addDays(deadline, 1), member: m });
  }
  return out.sort((a, b) => (a.from < b.from ? -1 : 1));
}
