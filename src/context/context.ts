/**
 * The practice context: the practice's ASV teams (members, roles, Fachgruppen, dates, where
 * they work) and its team numbers (FK 0222). Loaded and validated like a rule set — located
 * problems, nothing half-loaded — and compiled into lookups the ASV facts use. It holds data,
 * no thresholds: the deadlines and distances of ASV-RL § 3 are parameters of the ASV rule set,
 * and its rules judge the team on each service date (see facts/asv-facts.ts).
 */
import type { LoadProblem, RuleSetSource } from '../../plugin-api/types';
import { locate, parseJson, pollutedPrototype } from '../load/json-text';
import { schemaProblems } from '../load/schema';
import { isIsoDate } from '../facts/entry';
import { asvTeamNumberStatus } from '../facts/team-number';

export interface MemberDoc {
  lanr?: string;
  institution?: string;
  name?: string;
  specialty: string;
  role: 'teamleitung' | 'kernteam' | 'hinzuzuziehend';
  joined: string;
  left?: string | null;
  leaveReported?: string | null;
  travelMinutes?: number;
  immobileOrLabOnly?: boolean;
  /** Core team: days a week with ASV services at the team lead's place of work. */
  daysAtLeadSite?: number;
}

export interface TeamDoc {
  teamNumber: string;
  appendix: string;
  appendixTitle?: string;
  validFrom: string;
  validUntil?: string | null;
  members: MemberDoc[];
}

export interface PracticeContextDoc {
  kind: 'practice-context';
  practiceTeamNumbers: string[];
  teams: TeamDoc[];
}

/** A team as the facts see it. */
export interface CompiledTeam {
  doc: TeamDoc;
  /** Members by LANR or pseudo-LANR (a doctor may have left and rejoined: several entries). */
  byLanr: Map<string, MemberDoc[]>;
}

export interface CompiledContext {
  practiceTeamNumbers: ReadonlySet<string>;
  teams: ReadonlyMap<string, CompiledTeam>;
}

export type ContextLoadResult = { ok: true; context: CompiledContext; problems: LoadProblem[] } | { ok: false; problems: LoadProblem[] };

/** Results made by loadPracticeContext: createChecker takes these as they are (anything else is read as a document). */
const loaded = new WeakSet<object>();
/** Contexts compiled by loadPracticeContext (a copied result still carries one). */
const compiled = new WeakSet<object>();

const sourceProblem = (file: string, de: string, en: string): ContextLoadResult => ({
  ok: false,
  problems: [{ file, pointer: '', line: 1, column: 1, severity: 'error', code: 'source', message: de, messageEn: en }],
});

/**
 * Loads a practice context document. Never throws: a hostile argument (a proxy, a throwing
 * getter) and a fault of the loader come back as problems like bad input.
 */
export function loadPracticeContext(source: RuleSetSource): ContextLoadResult {
  let name = '(Kontext)';
  let text: unknown;
  try {
    if (typeof source !== 'object' || source === null) return brand(sourceProblem(name, 'Der Kontext ist kein Objekt {name, text}.', 'The context is no object {name, text}.'));
    const given: unknown = source.name;
    if (typeof given === 'string') name = given;
    text = source.text;
  } catch {
    return brand(sourceProblem(name, 'Der Kontext kann nicht gelesen werden (ein Feld löst beim Lesen einen Fehler aus).', 'The context cannot be read (a field raises an error when read).'));
  }
  if (typeof text !== 'string') return brand(sourceProblem(name, 'Der Kontext hat keinen Text.', 'The context has no text.'));
  try {
    return brand(loadText(name, text));
  } catch {
    const polluted = pollutedPrototype();
    const [message, messageEn] = polluted ?? ['Interner Fehler beim Laden des Praxiskontexts. Bitte dem Hersteller melden.', 'Internal error while loading the practice context. Please report it to the vendor.'];
    return brand({
      ok: false,
      problems: [{ file: name, pointer: '', line: 1, column: 1, severity: 'error', code: polluted ? 'polluted-prototype' : 'internal', message, messageEn }],
    });
  }
}

function brand(result: ContextLoadResult): ContextLoadResult {
  loaded.add(result);
  if (result.ok) compiled.add(result.context);
  return result;
}

/**
 * The `context` option of createChecker: a result of loadPracticeContext (or a copy of one),
 * else a context document as an object, validated here. Never throws; undefined without one.
 */
export function contextOption(context: unknown): ContextLoadResult | undefined {
  if (context === undefined || context === null) return undefined;
  try {
    if (typeof context === 'object' && loaded.has(context)) return context as ContextLoadResult;
    const inner = typeof context === 'object' ? (context as { context?: unknown }).context : undefined;
    if (typeof inner === 'object' && inner !== null && compiled.has(inner)) return { ok: true, context: inner as CompiledContext, problems: [] };
  } catch {
    // Read as a document below, which reports it.
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(context, null, 2);
  } catch {
    text = undefined;
  }
  if (text === undefined) return sourceProblem('(Kontext)', 'Der Praxiskontext kann nicht gelesen werden.', 'The practice context cannot be read.');
  return loadPracticeContext({ name: '(Kontext)', text });
}

function loadText(name: string, text: string): ContextLoadResult {
  const problems: LoadProblem[] = [];
  const parsed = parseJson(text);
  for (const p of parsed.problems) problems.push({ file: name, severity: 'error', ...p });
  if (parsed.value === undefined || problems.length) return { ok: false, problems };
  const add = (pointer: string, code: string, de: string, en: string, severity: 'error' | 'warning' = 'error') =>
    problems.push({ file: name, pointer, ...locate(parsed.positions, pointer), severity, code, message: de, messageEn: en });
  for (const p of schemaProblems('practice-context', parsed.value)) add(p.pointer, 'schema', p.de, p.en);
  if (problems.length) return { ok: false, problems };
  const doc = parsed.value as PracticeContextDoc;
  checkContext(doc, add);
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  return { ok: true, context: compileContext(doc), problems };
}

type Add = (pointer: string, code: string, de: string, en: string, severity?: 'error' | 'warning') => void;

function checkContext(doc: PracticeContextDoc, add: Add): void {
  doc.practiceTeamNumbers.forEach((n, i) => checkTeamNumber(n, `/practiceTeamNumbers/${i}`, add));
  const seen = new Map<string, number>();
  doc.teams.forEach((team, t) => {
    const tp = `/teams/${t}`;
    checkTeamNumber(team.teamNumber, `${tp}/teamNumber`, add);
    const before = seen.get(team.teamNumber);
    if (before !== undefined) add(`${tp}/teamNumber`, 'duplicate-team', `Team ${team.teamNumber} steht schon unter /teams/${before}.`, `Team ${team.teamNumber} is already at /teams/${before}.`);
    seen.set(team.teamNumber, t);
    if (!doc.practiceTeamNumbers.includes(team.teamNumber)) {
      add(`${tp}/teamNumber`, 'team-not-in-0222', `Team ${team.teamNumber} fehlt in practiceTeamNumbers (FK 0222).`, `Team ${team.teamNumber} is missing from practiceTeamNumbers (FK 0222).`, 'warning');
    }
    checkDate(team.validFrom, `${tp}/validFrom`, add);
    if (team.validUntil) checkDate(team.validUntil, `${tp}/validUntil`, add);
    team.members.forEach((m, i) => {
      const mp = `${tp}/members/${i}`;
      if (m.lanr === undefined && m.institution === undefined) add(mp, 'member-id', 'Ein Mitglied braucht lanr oder institution.', 'A member needs lanr or institution.');
      if ((m.role === 'teamleitung' || m.role === 'kernteam') && m.lanr === undefined) {
        add(`${mp}/role`, 'member-id', 'Teamleitung und Kernteam sind namentlich mit LANR zu benennen.', 'The team lead and core team must be named with their LANR.');
      }
      for (const k of ['joined', 'left', 'leaveReported'] as const) if (m[k]) checkDate(m[k]!, `${mp}/${k}`, add);
      if (m.left && m.left < m.joined) add(`${mp}/left`, 'member-dates', 'left liegt vor joined.', 'left is before joined.');
    });
  });
}

function checkTeamNumber(n: string, pointer: string, add: Add): void {
  const status = asvTeamNumberStatus(n);
  if (status === 'format') add(pointer, 'team-number', `${n} ist keine ASV-Teamnummer 00nnnnnnP.`, `${n} is not an ASV team number 00nnnnnnP.`);
  else if (status === 'check-digit') add(pointer, 'team-number', `${n}: falsche Prüfziffer (KVDT-Regel 059).`, `${n}: wrong check digit (KVDT rule 059).`);
}

function checkDate(d: string, pointer: string, add: Add): void {
  if (!isIsoDate(d)) add(pointer, 'date', `${d} ist kein gültiges Datum.`, `${d} is not a valid date.`);
}

/** Compiles a validated context into lookups. */
export function compileContext(doc: PracticeContextDoc): CompiledContext {
  const teams = new Map<string, CompiledTeam>();
  for (const team of doc.teams) {
    const byLanr = new Map<string, MemberDoc[]>();
    for (const m of team.members) if (m.lanr) byLanr.set(m.lanr, [...(byLanr.get(m.lanr) ?? []), m]);
    teams.set(team.teamNumber, { doc: team, byLanr });
  }
  return { practiceTeamNumbers: new Set(doc.practiceTeamNumbers), teams };
}
