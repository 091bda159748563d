/**
 * A page the importer cannot turn into an operation: empty, binary, of no known layout, without a method and
 * URI, cut off before its response, or a login/error page. `where` names the source (and line where known);
 * the command prints `where: message` on one line and exits 2 without writing anything.
 */
export class ImportInputError extends Error {
  readonly code = 'IMPORT_INPUT';
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'ImportInputError';
  }
}
