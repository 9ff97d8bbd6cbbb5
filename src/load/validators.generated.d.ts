/** ajv validation error, as produced by the generated validators. */
export interface GeneratedValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: GeneratedValidationError[] | null;
}

export declare const validateRuleSet: GeneratedValidator;
export declare const validateCatalogue: GeneratedValidator;
export declare const validatePracticeContext: GeneratedValidator;
export declare const validateTestCases: GeneratedValidator;
export declare const validateContract: GeneratedValidator;
