/** A JSON Schema (2020-12) node as mcpc emits it. Key order is emission order. */
export interface JsonSchema {
  type?: string;
  [keyword: string]: unknown;
}
