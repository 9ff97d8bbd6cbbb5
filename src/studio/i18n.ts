/** The studio's words, German first, English on request; the choice is remembered in this browser. */
export type Lang = 'de' | 'en';

const STRINGS = {
  title: ['Regelstudio', 'Rule studio'],
  files: ['Dateien', 'Files'],
  readOnly: ['nur lesbar: ohne --rules gestartet', 'read-only: started without --rules'],
  save: ['Speichern', 'Save'],
  saveAs: ['Speichern unter …', 'Save as …'],
  saveAnyway: ['Trotzdem speichern', 'Save anyway'],
  saveAsPath: ['Pfad im Regelordner', 'Path in the rule folder'],
  cancel: ['Abbrechen', 'Cancel'],
  saved: ['Gespeichert.', 'Saved.'],
  savedForced: ['Trotz Fehlern gespeichert; es gelten weiter die zuletzt gültigen Regelwerke.', 'Saved despite errors; the last valid rule sets stay in use.'],
  notSaved: ['Nicht gespeichert', 'Not saved'],
  fixOrSave: ['Bitte beheben – oder bewusst trotzdem speichern.', 'Fix them – or save anyway on purpose.'],
  loadedAt: ['geladen am', 'loaded'],
  unsaved: ['ungespeichert', 'unsaved'],
  discard: ['Ungespeicherte Änderungen verwerfen?', 'Discard unsaved changes?'],
  chooseFile: ['Links eine Datei wählen, um sie zu bearbeiten.', 'Choose a file on the left to edit it.'],
  problems: ['Probleme', 'Problems'],
  valid: ['Gültig', 'Valid'],
  validating: ['Prüfe …', 'Checking …'],
  errors: ['Fehler', 'error(s)'],
  warnings: ['Warnung(en)', 'warning(s)'],
  otherFiles: ['in anderen Dateien', 'in other files'],
  language: ['Sprache', 'Language'],
  tools: ['Werkzeuge', 'Tools'],
  tabStatus: ['Regelwerke', 'Rule sets'],
  tabTests: ['Tests', 'Tests'],
  tabCheck: ['Leistung prüfen', 'Check a service'],
  tabKvdt: ['KVDT-Datei prüfen', 'Check a KVDT file'],
  tabDiff: ['Vergleich', 'Compare'],
  runTests: ['Tests ausführen', 'Run tests'],
  passed: ['bestanden', 'passed'],
  failed: ['fehlgeschlagen', 'failed'],
  onlyFailed: ['nur fehlgeschlagene zeigen', 'show failed only'],
  expected: ['Erwartet', 'Expected'],
  actual: ['Tatsächlich', 'Actual'],
  differences: ['Abweichungen', 'Differences'],
  staleTests: ['Das letzte Neuladen ist fehlgeschlagen: die Tests liefen mit den zuletzt gültigen Regelwerken.', 'The last reload failed: the tests ran on the last valid rule sets.'],
  testsHint: ['Führt alle Prüffälle (*.test.json) des Regelordners mit den geladenen Regelwerken aus.', 'Runs every test case (*.test.json) of the rule folder against the loaded rule sets.'],
  date: ['Leistungstag (FK 5000)', 'Service date (FK 5000)'],
  gop: ['Gebührennummer (FK 5001)', 'Fee number (FK 5001)'],
  team: ['ASV-Teamnummer (FK 5100)', 'ASV team number (FK 5100)'],
  lanr: ['LANR (FK 5099)', 'LANR (FK 5099)'],
  bsnr: ['BSNR (FK 5098)', 'BSNR (FK 5098)'],
  icd: ['Diagnosen (ICD-10-GM, durch Komma getrennt)', 'Diagnoses (ICD-10-GM, comma-separated)'],
  costs: ['Sachkosten (FK 5011/5012)', 'Costs (FK 5011/5012)'],
  goae: ['GOÄ-Nr. (FK 5011)', 'GOÄ no. (FK 5011)'],
  cents: ['Cent (FK 5012)', 'Cents (FK 5012)'],
  addPair: ['Paar hinzufügen', 'Add pair'],
  removePair: ['Paar entfernen', 'Remove pair'],
  form: ['Formular', 'Form'],
  rawJson: ['JSON', 'JSON'],
  check: ['Prüfen', 'Check'],
  reset: ['Leeren', 'Clear'],
  findings: ['Meldungen', 'Findings'],
  corrections: ['Korrekturen', 'Corrections'],
  noFindings: ['Keine Beanstandung.', 'No findings.'],
  trace: ['Regeln im Einzelnen', 'Rules in detail'],
  traceHint: ['Jede Bedingung mit Faktwert, Operator, Vergleichswert und Ergebnis.', 'Each condition with fact value, operator, value and result.'],
  fired: ['ausgelöst', 'fired'],
  notFired: ['nicht ausgelöst', 'not fired'],
  skipped: ['vom Index übersprungen', 'skipped by the index'],
  factValue: ['Faktwert', 'fact value'],
  pair: ['Paar', 'pair'],
  was: ['bisher', 'was'],
  empty: ['leer', 'empty'],
  source: ['Quelle', 'Source'],
  rule: ['Regel', 'Rule'],
  severity: ['Schwere', 'Severity'],
  code: ['Code', 'Code'],
  message: ['Meldung', 'Message'],
  fields: ['FK', 'FK'],
  line: ['Zeile', 'Line'],
  all: ['alle', 'all'],
  fatal: ['Nicht prüfbar', 'Not checkable'],
  error: ['Fehler', 'Error'],
  warning: ['Warnung', 'Warning'],
  info: ['Hinweis', 'Info'],
  dropHere: ['KVDT-Datei (.con) hierher ziehen', 'Drop a KVDT file (.con) here'],
  chooseKvdt: ['Datei wählen …', 'Choose file …'],
  checking: ['Prüfe', 'Checking'],
  kvdtSummary: ['Zeilen, Fälle, Leistungen', 'lines, cases, services'],
  noRows: ['Keine Meldungen für diese Auswahl.', 'No findings for this selection.'],
  fileProblem: ['Dateiproblem(e)', 'file problem(s)'],
  search: ['Suche', 'Search'],
  shown: ['angezeigt', 'shown'],
  version: ['Version', 'Version'],
  compare: ['Vergleichen', 'Compare'],
  against: ['gegenüber', 'compared with'],
  noBase: ['Erste Version dieses Regelwerks: nichts zum Vergleichen.', 'First version of this rule set: nothing to compare with.'],
  noChanges: ['Keine Änderungen.', 'No changes.'],
  header: ['Kopfangaben', 'Header'],
  rulesAdded: ['Regeln neu', 'Rules added'],
  rulesRemoved: ['Regeln entfernt', 'Rules removed'],
  rulesChanged: ['Regeln geändert', 'Rules changed'],
  parameters: ['Parameter', 'Parameters'],
  parametersAdded: ['neu', 'added'],
  parametersRemoved: ['entfernt', 'removed'],
  tables: ['Tabellen', 'Tables'],
  tablesAdded: ['Tabellen neu', 'Tables added'],
  tablesRemoved: ['Tabellen entfernt', 'Tables removed'],
  rowsAdded: ['Zeilen neu', 'rows added'],
  rowsRemoved: ['Zeilen entfernt', 'rows removed'],
  rowsChanged: ['Zeilen geändert', 'rows changed'],
  sourcesAdded: ['Quellen neu', 'Sources added'],
  sourcesRemoved: ['Quellen entfernt', 'Sources removed'],
  old: ['bisher', 'old'],
  new: ['neu', 'new'],
  statusOk: ['Regelwerke geladen', 'Rule sets loaded'],
  statusStale: ['Neuladen fehlgeschlagen – es gelten die zuletzt gültigen Regelwerke', 'Reload failed – the last valid rule sets stay in use'],
  statusNone: ['Keine gültigen Regelwerke geladen', 'No valid rule sets loaded'],
  generation: ['Nr.', 'no.'],
  ruleSet: ['Regelwerk', 'Rule set'],
  validFrom: ['gültig ab', 'valid from'],
  validUntil: ['bis', 'until'],
  rules: ['Regeln', 'Rules'],
  file: ['Datei', 'File'],
  active: ['heute gültig', 'valid today'],
  open: ['offen', 'open'],
  loadProblems: ['Probleme beim letzten Laden', 'Problems of the last load'],
  noLoadProblems: ['Keine.', 'None.'],
  inactiveRules: ['Regeln, die stumm bleiben', 'Rules that stay silent'],
  catalogues: ['Kataloge', 'Catalogues'],
  contracts: ['Verträge', 'Contracts'],
  shortcuts: ['Tastatur: Strg+S speichern · Strg+Leertaste Vorschläge · Alt+1…5 Bereiche · Tab verlässt den Editor', 'Keyboard: Ctrl+S save · Ctrl+Space suggestions · Alt+1…5 panels · Tab leaves the editor'],
  connectionLost: ['Keine Verbindung zum Server.', 'No connection to the server.'],
  yes: ['ja', 'yes'],
  no: ['nein', 'no'],
} as const;

export type Key = keyof typeof STRINGS;

let current: Lang = localStorage.getItem('pvs-rules-lang') === 'en' ? 'en' : 'de';
const listeners: (() => void)[] = [];

export const lang = (): Lang => current;

export function t(key: Key): string {
  return STRINGS[key][current === 'de' ? 0 : 1];
}

/** Switches the language and re-renders every part that asked to be told. */
export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  localStorage.setItem('pvs-rules-lang', next);
  document.documentElement.lang = next;
  for (const l of listeners) l();
}

export function onLangChange(listener: () => void): void {
  listeners.push(listener);
}

/** A message the server sends in both languages (`message` / `messageEn`). */
export const pick = (p: { message: string; messageEn: string }) => (current === 'de' ? p.message : p.messageEn);
