/** jscodeshift's parser factory (untyped in @types/jscodeshift): the parser objects `withParser` hands recast. */
declare module 'jscodeshift/src/getParser.js' {
  const getParser: (name: string) => { parse(code: string): unknown };
  export default getParser;
}
