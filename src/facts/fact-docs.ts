/**
 * What each fact is, in German and English: for the schema's completion texts and docs/facts.md
 * (scripts/facts-reference.ts), not for checking. Kept apart from the facts' code so the core
 * does not carry the texts (a test holds this list and the fact registry to the same ids).
 */
export const FACT_DOCS: Readonly<Record<string, { de: string; en: string }>> = {
  date: { de: 'Leistungstag (FK 5000), JJJJ-MM-TT', en: 'Service date (FK 5000), YYYY-MM-DD' },
  gop: { de: 'Gebührennummer (FK 5001)', en: 'Fee number (FK 5001)' },
  teamNumber: { de: 'ASV-Teamnummer (FK 5100) oder null', en: 'ASV team number (FK 5100) or null' },
  lanr: { de: 'LANR (FK 5099) oder null', en: 'LANR (FK 5099) or null' },
  bsnr: { de: 'BSNR (FK 5098) oder null', en: 'BSNR (FK 5098) or null' },
  pseudoLanr: { de: 'Pseudo-LANR eines Krankenhausarztes in der ASV (FK 5101) oder null', en: 'A hospital doctor\'s pseudo-LANR in ASV (FK 5101) or null' },
  laterality: { de: 'Seitenlokalisation (FK 5041) oder null', en: 'Laterality (FK 5041) or null' },
  costCount: { de: 'Anzahl der 5011/5012-Paare', en: 'Number of 5011/5012 pairs' },
  ops: { de: 'OPS-Codes (FK 5035), Liste', en: 'OPS codes (FK 5035), list' },
  opsCount: { de: 'Anzahl der OPS-Codes (FK 5035)', en: 'Number of OPS codes (FK 5035)' },
  diagnoses: { de: 'Diagnosen [{icd, certainty}]', en: 'Diagnoses [{icd, certainty}]' },
  patient: { de: 'Patientendaten (Objekt) oder null', en: 'Patient data (object) or null' },
  case: { de: 'Falldaten (Objekt) oder null', en: 'Case data (object) or null' },
  tableRow: { de: 'Erste Zeile der Tabelle table, deren Spalte column gleich dem Wert des Fakts equalsFact ist; mit validOn nur Zeilen, deren validFrom/validUntil den Wert dieses Fakts (Datum) einschließen; sonst null', en: 'First row of table whose column equals the value of fact equalsFact; with validOn only rows whose validFrom/validUntil include that fact (a date); otherwise null' },
  costIndex: { de: 'Index des 5011/5012-Paars', en: 'Index of the 5011/5012 pair' },
  cost5011: { de: 'FK 5011 des Paars (getrimmt) oder null', en: 'FK 5011 of the pair (trimmed) or null' },
  cost5012: { de: 'FK 5012 des Paars in Cent (Ziffern) oder null', en: 'FK 5012 of the pair in cents (digits) or null' },
  cost5074: { de: 'FK 5074 (Name Hersteller/Lieferant) des Paars oder null', en: 'FK 5074 (manufacturer/supplier) of the pair or null' },
  cost5075: { de: 'FK 5075 (Artikel-/Modellnummer) des Paars oder null', en: 'FK 5075 (article/model number) of the pair or null' },
  goaeItem: { de: 'Katalogzeile der GOÄ-Nummer in FK 5011, gültig am Leistungstag, {number, points, section, sectionA, simpleRateOnly, label} oder null', en: 'Catalogue row of the GOÄ number in FK 5011 valid on the service date {number, points, section, sectionA, simpleRateOnly, label} or null' },
  goaePriceCents: { de: 'Preis der GOÄ-Nummer in FK 5011 in Cent (Ziffern): Punktzahl × Punktwert, auf Cent gerundet, × Faktor aus der Tabelle factors, auf Cent gerundet; null wenn nicht bepreisbar', en: 'Price of the GOÄ number in FK 5011 in cents (digits): points × point value, rounded to the cent, × factor from table factors, rounded to the cent; null when not priceable' },
  asvTeamNumberStatus: { de: 'Prüfung der Teamnummer FK 5100: ok, format oder check-digit; null ohne Teamnummer', en: 'Check of team number FK 5100: ok, format or check-digit; null without a team number' },
  practiceTeamNumbers: { de: 'ASV-Teamnummern der Praxis (FK 0222, aus Kontext und besa) oder null, wenn unbekannt', en: 'The practice\'s ASV team numbers (FK 0222, from the context and besa) or null when unknown' },
  asvMembership: { de: 'Mitgliedschaft des abrechnenden Arztes (LANR/Pseudo-LANR) im Team der FK 5100 am Leistungstag: {status, role, specialty, joined, left, appendix, travelMinutes, immobileOrLabOnly, daysAtLeadSite}; status member, not-member, before-joining, after-leaving, unknown-team oder team-not-valid; null ohne Teamnummer oder ohne Praxiskontext', en: 'Membership of the billing doctor (LANR/pseudo-LANR) in the FK 5100 team on the service date: {status, role, specialty, joined, left, appendix, travelMinutes, immobileOrLabOnly, daysAtLeadSite}; status member, not-member, before-joining, after-leaving, unknown-team or team-not-valid; null without a team number or without a practice context' },
  hasReferral: { de: 'Der Fall trägt Überweisungsdaten (case.referral)', en: 'The case carries referral data (case.referral)' },
  isHybridDrg: { de: 'Die Leistung ist ein Hybrid-DRG-Fall (hybridDrg oder Satzart hdrg1)', en: 'The entry is a Hybrid-DRG case (hybridDrg or record hdrg1)' },
  asvAppendixGop: { de: 'Steht die GOP für die Fachgruppe des Arztes im Appendix der Anlage des Teams? true/false; null, wenn die Tabelle table dafür keine Zeile hat (Lücke) oder keine Mitgliedschaft besteht', en: 'Is the GOP in the team\'s Appendix for the doctor\'s Fachgruppe? true/false; null when table has no row for it (gap) or there is no membership' },
  asvIndication: { de: 'Enthält der Fall eine Diagnose aus der Indikationsliste der Anlage des Teams (Tabelle table mit icdFrom/icdTo)? null ohne Liste (Lücke) oder ohne bekanntes Team', en: 'Does the case have a diagnosis from the indication list of the team\'s Anlage (table with icdFrom/icdTo)? null without a list (gap) or a known team' },
  asvTeamBasis: { de: 'Ist die Grundlage der ASV-Teilnahme des Teams am Leistungstag entfallen (ein erforderliches Mitglied ausgeschieden und binnen replacementMonths Monaten niemand derselben Fachgruppe benannt)? {status: "lapsed", since, specialty, role} oder null', en: 'Has the team\'s basis for ASV participation lapsed on the service date (a required member left and nobody of the Fachgruppe was named within replacementMonths months)? {status: "lapsed", since, specialty, role} or null' },
  asvLeaveReport: { de: 'Ein Ausscheiden aus dem Team der FK 5100, dessen Anzeige beim erweiterten Landesausschuss am Leistungstag überfällig ist (Frist leaveReportWorkingDays Werktage, keine Anzeige bis zum Leistungstag): {name, lanr, role, left, deadline, reported}; sonst null. Hinzuzuziehende zählen nicht', en: 'A leave from the FK 5100 team whose report to the erweiterter Landesausschuss is overdue on the service date (due within leaveReportWorkingDays working days, not reported by the service date): {name, lanr, role, left, deadline, reported}; else null. Hinzuzuziehende do not count' },
  hybridDrg: { de: 'Hybrid-DRG-Fall {code, wellFormed, start, end, opDate, ventilationHours, stayDays (Belegungstage), endBeforeStart, opDateOutsideStay} oder null', en: 'Hybrid-DRG case {code, wellFormed, start, end, opDate, ventilationHours, stayDays (Belegungstage), endBeforeStart, opDateOutsideStay} or null' },
  patientAge: { de: 'Alter des Patienten in vollen Jahren am Leistungstag; null ohne vollständiges Geburtsdatum', en: 'Patient\'s age in full years on the service date; null without a full birth date' },
  birthDateComplete: { de: 'Das Geburtsdatum (FK 3103) ist ein vollständiges Datum JJJJ-MM-TT', en: 'The birth date (FK 3103) is a full date YYYY-MM-DD' },
  diagnosesNotTerminal: { de: 'ICD-Codes, die nicht endständig sind (mit "-" am Ende), durch Komma getrennt; null wenn keiner', en: 'ICD codes that are not terminal (ending in "-"), comma-separated; null if none' },
  hasPrimaryDiagnosis: { de: 'Mindestens eine Diagnose ist ein Primärkode: laut SDICD des Leistungstags ohne Notationskennzeichen oder mit + (KVDT-Regel 735); ohne SDICD kein Kode mit * oder ! am Ende (wie der PVS sie kennzeichnet)', en: 'At least one diagnosis is a primary code: per the SDICD of the service date without a notation mark or with + (KVDT rule 735); without an SDICD no code with a trailing * or ! (as the PVS marks them)' },
  opsMissingLaterality: { de: 'OPS-Codes, die eine Seitenangabe (FK 5041) brauchen und keine haben, durch Komma getrennt; null wenn keiner. Seitenpflichtig ist ein Code mit kzseite="J" in der SDOPS des Leistungstags (KVDT-Regel 705), den der PVS als sided meldet (ohne geladene SDOPS) oder der mit einem Eintrag der Tabelle table (Spalte ops) beginnt', en: 'OPS codes that need a laterality (FK 5041) and have none, comma-separated; null if none. A code needs one when it has kzseite="J" in the SDOPS of the service date (KVDT rule 705), the PVS flags it as sided (without a loaded SDOPS) or it starts with an entry of table (column ops)' },
  opsWithLaterality: { de: 'OPS-Codes mit der Seitenangabe value (z. B. B), durch Komma getrennt; null wenn keiner', en: 'OPS codes with laterality value (e.g. B), comma-separated; null if none' },
  batchCount: { de: 'Anzahl anderer Leistungen im Stapel für denselben Patienten am selben Tag (per: patientDay) oder im selben Quartal (patientQuarter), die match erfüllen: hybridDrg (Hybrid-DRG-Fall), sameGop (dieselbe GNR), gopInTable (GNR in einem Bereich from–to der Tabelle table), ebmOperation (GOP der EBM-Abschnitte 31.2 oder 36.2 laut SDEBM des Leistungstags; ohne SDEBM null); mit count: before nur die vorher geprüften. null ohne Stapel oder ohne Patientenangaben', en: 'Number of other entries in the batch for the same patient on the same day (per: patientDay) or in the same quarter (patientQuarter) that satisfy match: hybridDrg (a Hybrid-DRG case), sameGop (the same fee number), gopInTable (fee number in a from–to range of table), ebmOperation (a GOP of EBM sections 31.2 or 36.2 per the SDEBM of the service date; null without an SDEBM); with count: before only those checked earlier. null without a batch or without patient data' },
  contractService: { de: 'Vertragsleistung (§ 140a) zur Gebührennummer: {contract, example, code, cents, perQuarter, replacesEbm, contractValid, insurerIsParty, providerTakesPart, participation {status, declared, windowEnds, revoked, revokedInTime, ended}, startsAfterRevocationPeriod}; null, wenn die Nummer keine Vertragsleistung ist', en: 'Contract service (§ 140a) of the fee number: {contract, example, code, cents, perQuarter, replacesEbm, contractValid, insurerIsParty, providerTakesPart, participation {status, declared, windowEnds, revoked, revokedInTime, ended}, startsAfterRevocationPeriod}; null when the number is no contract service' },
  contractEbmDuplicates: { de: 'EBM-GOPs, die die Vertragsleistung ersetzt und die im Stapel für denselben Patienten am selben Tag abgerechnet sind, durch Komma getrennt; null ohne Stapel, ohne Vertragsleistung oder wenn keine', en: 'EBM fee numbers the contract service replaces that the batch bills for the same patient on the same day, comma-separated; null without a batch, without a contract service, or if none' },
  kvdtField: { de: 'Inhalt des KVDT-Felds fk der Leistung oder ihres Falls (Datumsfelder JJJJ-MM-TT, nur gültige Daten; FK 4125 als {from, until}); null, wenn nicht angegeben. Felder: 0223, 3103, 3110, 3111, 4101, 4109, 4110, 4125, 4133, 4217, 4218, 4219, 4220, 4225, 4226, 4239, 4241, 4242, 4243, 4248, 4249, 5000, 5001, 5027, 5028, 5029, 5030, 5034, 5041, 5098, 5099, 5100, 5101, 5102, 9103, 9204', en: 'Content of KVDT field fk of the entry or its case (date fields YYYY-MM-DD, valid dates only; FK 4125 as {from, until}); null when not given. Fields: 0223, 3103, 3110, 3111, 4101, 4109, 4110, 4125, 4133, 4217, 4218, 4219, 4220, 4225, 4226, 4239, 4241, 4242, 4243, 4248, 4249, 5000, 5001, 5027, 5028, 5029, 5030, 5034, 5041, 5098, 5099, 5100, 5101, 5102, 9103, 9204' },
  kvdtFieldFormat: { de: 'Format des Felds fk: ASV-Teamnummer (5100, 4225, 4226; KVDT-Regel 059) ok, format oder check-digit; Pseudo-LANR (5101, 4248, 4249; Regel 063/064) ok oder format; null ohne Feldinhalt', en: 'Format of field fk: ASV team number (5100, 4225, 4226; KVDT rule 059) ok, format or check-digit; pseudo-LANR (5101, 4248, 4249; rule 063/064) ok or format; null without content' },
  recordType: { de: 'KVDT-Satzart des Falls (case.recordType, z. B. 0102, hdrg1) oder null', en: 'KVDT record type of the case (case.recordType, e.g. 0102, hdrg1) or null' },
  caseHead: { de: 'true für die erste Leistung ihres Falls (case.serviceIndex fehlt oder ist 0), sonst null: Prüfungen des Scheins laufen so einmal je Fall', en: 'true for the first service of its case (case.serviceIndex absent or 0), else null: checks of the case then run once per case' },
  checkDate: { de: 'Tag der Prüfung (KBV: Maschinendatum), JJJJ-MM-TT: checkDate des Prüfers, sonst das Erstellungsdatum der Abrechnungsdatei (case.fileCreated); sonst null', en: 'Day of the check (KBV: the checking computer\'s date), YYYY-MM-DD: the checker\'s checkDate, else the billing file\'s creation date (case.fileCreated); else null' },
  patientAgeAt: { de: 'Alter des Patienten in vollen Jahren am Datum des Felds fk (z. B. 5028); null ohne vollständiges Geburtsdatum, ohne dieses Datum oder wenn es vor der Geburt liegt', en: 'Patient\'s age in full years on the date in field fk (e.g. 5028); null without a full birth date, without that date or when it lies before the birth' },
  masterLoaded: { de: 'Ist für den Leistungstag ein Katalog der KBV-Stammdatei file (SDHDRG, SDOPS, SDICD, SDEBM) geladen? true/false', en: 'Is a catalogue of the KBV master file file (SDHDRG, SDOPS, SDICD, SDEBM) loaded for the service date? true/false' },
  hybridDrgNotInMaster: { de: 'Die Hybrid-DRG (FK 5027), wenn sie nicht in der SDHDRG des Leistungstags steht (KVDT-Regel 221); null, wenn sie dort steht, kein Hybrid-DRG-Fall oder keine SDHDRG geladen ist', en: 'The Hybrid-DRG (FK 5027) when it is not in the SDHDRG of the service date (KVDT rule 221); null when it is there, for no Hybrid-DRG case, or without a loaded SDHDRG' },
  hybridDrgMasterRow: { de: 'Zeile der Hybrid-DRG (FK 5027) in der SDHDRG des Leistungstags {code, serviceArea, name, euro, euroWithAftercare}; null, wenn nicht enthalten oder keine SDHDRG geladen', en: 'Row of the Hybrid-DRG (FK 5027) in the SDHDRG of the service date {code, serviceArea, name, euro, euroWithAftercare}; null when not in it or without a loaded SDHDRG' },
  opsNotInMaster: { de: 'OPS-Kodes (FK 5035), die in der SDOPS am Leistungstag nicht gültig sind (KVDT-Regel 223), durch Komma getrennt; null, wenn keiner oder keine SDOPS geladen', en: 'OPS codes (FK 5035) not valid in the SDOPS on the service date (KVDT rule 223), comma-separated; null when none or without a loaded SDOPS' },
  diagnosesNotInMaster: { de: 'ICD-Kodes, die nicht in der SDICD des Leistungstags stehen oder nicht abrechenbar (nicht endständig) sind (KVDT-Regel 499), durch Komma getrennt; null, wenn keiner oder keine SDICD geladen', en: 'ICD codes not in the SDICD of the service date or not billable (not terminal) (KVDT rule 499), comma-separated; null when none or without a loaded SDICD' },
  diagnosesRare: { de: 'ICD-Kodes, die die SDICD des Leistungstags als in Mitteleuropa sehr selten kennzeichnet (krankheit_in_mitteleuropa_sehr_selten = j; KVDT-Regel 494), durch Komma getrennt; null, wenn keiner oder keine SDICD geladen', en: 'ICD codes the SDICD of the service date marks as very rare in Central Europe (krankheit_in_mitteleuropa_sehr_selten = j; KVDT rule 494), comma-separated; null when none or without a loaded SDICD' },
  diagnosesWithoutContent: { de: 'ICD-Kodes, die laut SDICD des Leistungstags ohne Inhalt sind (schlüsselnummer_mit_inhalt_belegt = n; KVDT-Regel 498: nicht übertragen), durch Komma getrennt; null, wenn keiner oder keine SDICD geladen', en: 'ICD codes the SDICD of the service date says have no content (schlüsselnummer_mit_inhalt_belegt = n; KVDT rule 498: not to be sent), comma-separated; null when none or without a loaded SDICD' },
  diagnosesSexConflict: { de: 'ICD-Kodes, deren Geschlechtsbezug in der SDICD (Fehlerart errorKind) nicht zum Geschlecht des Patienten (FK 3110 M oder W) passt (KVDT-Regel 737: Kann-Fehler), durch Komma getrennt; null, wenn keiner, bei X, D oder ohne Geschlecht, oder ohne geladene SDICD', en: 'ICD codes whose sex restriction in the SDICD (error kind errorKind) does not fit the patient\'s sex (FK 3110 M or W) (KVDT rule 737: may errors), comma-separated; null when none, for X, D or no sex, or without a loaded SDICD' },
  diagnosesOutsideAgeLimits: { de: 'ICD-Kodes, deren Altersgrenzen in der SDICD (Fehlerart errorKind) das Alter des Patienten sicher verfehlt (KVDT-Regel 493: Muss-Fehler): Höchstalter zum Beginn der Leistung (FK 5028), Mindestalter zu ihrem Ende (FK 5029), ohne diese Felder zum Leistungstag; Grenzen eingeschlossen, in vollen Jahren oder Tagen; ein Geburtsdatum mit 00 nur, wenn jeder mögliche Tag die Grenze verfehlt. Durch Komma getrennt; null, wenn keiner oder ohne geladene SDICD', en: 'ICD codes whose age limits in the SDICD (error kind errorKind) the patient\'s age certainly misses (KVDT rule 493: must errors): the maximum at the start of the service (FK 5028), the minimum at its end (FK 5029), without those fields on the service date; limits included, in full years or days; a birth date with 00 only when every day it may be misses the limit. Comma-separated; null when none or without a loaded SDICD' },
  ebmGop: { de: 'Zeile der GOP (FK 5001) in der SDEBM des Leistungstags {code, area (Bereich, z. B. VII), chapter, chapterPath (z. B. 31.2.2), …}; null, wenn nicht enthalten oder keine SDEBM geladen', en: 'Row of the GOP (FK 5001) in the SDEBM of the service date {code, area (Bereich, e.g. VII), chapter, chapterPath (e.g. 31.2.2), …}; null when not in it or without a loaded SDEBM' },
  gopBetween: { de: 'Ist die GOP (FK 5001) eine fünfstellige Nummer von from bis to (z. B. 88500 bis 88699)? true, sonst null', en: 'Is the GOP (FK 5001) a five-digit number from from to to (e.g. 88500 to 88699)? true, else null' },
};

// Texts that two facts' params share.
const GOAE_CATALOGUE = { de: 'Id des GOÄ-Katalogs (Vorgabe goae); muss unter catalogues stehen', en: 'Id of the GOÄ catalogue (default goae); must be listed under catalogues' };
const SDICD_ERROR_KIND = { de: 'Fehlerart der SDICD: k (Kann-Fehler) oder m (Muss-Fehler)', en: 'Error kind of the SDICD: k (may error) or m (must error)' };

/**
 * What each param of a fact means, in German and English, by fact and param (the params
 * themselves, their types and values, are the fact's: FactDefinition.params). For the schema's
 * completion texts and docs/facts.md, apart from the facts' code for the same reason as FACT_DOCS.
 */
export const FACT_PARAM_DOCS: Readonly<Record<string, Readonly<Record<string, { de: string; en: string }>>>> = {
  tableRow: {
    table: { de: 'Tabelle dieses Regelwerks', en: 'Table of this rule set' },
    column: { de: 'Spalte, deren Wert verglichen wird', en: 'Column whose value is compared' },
    equalsFact: { de: 'Fakt der Leistung, dem die Spalte gleichen muss (z. B. gop)', en: 'Entry fact the column must equal (e.g. gop)' },
    validOn: { de: 'Datumsfakt (z. B. date): nur Zeilen, deren validFrom/validUntil ihn einschließen', en: 'Date fact (e.g. date): only rows whose validFrom/validUntil include it' },
  },
  goaeItem: {
    catalogue: GOAE_CATALOGUE,
  },
  goaePriceCents: {
    catalogue: GOAE_CATALOGUE,
    factors: { de: 'Faktortabelle dieses Regelwerks (Spalten numbers goae[], sections string[], factor decimal)', en: 'Factor table of this rule set (columns numbers goae[], sections string[], factor decimal)' },
  },
  asvAppendixGop: {
    table: { de: 'Tabelle mit den Spalten appendix, specialty und gops', en: 'Table with the columns appendix, specialty and gops' },
  },
  asvIndication: {
    table: { de: 'Tabelle mit den Spalten appendix, icdFrom und icdTo', en: 'Table with the columns appendix, icdFrom and icdTo' },
  },
  opsMissingLaterality: {
    table: { de: 'Tabelle mit der Spalte ops (Kodes oder Anfänge), die eine Seitenangabe verlangen', en: 'Table with the column ops (codes or beginnings) that require a laterality' },
  },
  opsWithLaterality: {
    value: { de: 'Seitenangabe (FK 5041)', en: 'Laterality (FK 5041)' },
  },
  batchCount: {
    per: { de: 'patientDay: derselbe Patient am selben Tag; patientQuarter: im selben Quartal', en: 'patientDay: the same patient on the same day; patientQuarter: in the same quarter' },
    match: { de: 'hybridDrg: ein Hybrid-DRG-Fall; sameGop: dieselbe GNR; gopInTable: GNR in einem Bereich from–to der Tabelle table', en: 'hybridDrg: a Hybrid-DRG case; sameGop: the same fee number; gopInTable: a fee number in a from–to range of table' },
    table: { de: 'Nur mit match gopInTable: Tabelle mit den Textspalten from und to', en: 'Only with match gopInTable: table with the string columns from and to' },
    count: { de: 'others (Vorgabe): alle anderen im Stapel; before: nur die vorher geprüften', en: 'others (default): all others in the batch; before: only those checked earlier' },
  },
  diagnosesSexConflict: {
    errorKind: SDICD_ERROR_KIND,
  },
  diagnosesOutsideAgeLimits: {
    errorKind: SDICD_ERROR_KIND,
  },
};
