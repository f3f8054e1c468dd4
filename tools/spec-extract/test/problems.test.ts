import { parseApiClass } from '../src/parse-api-class';
import { parseDts } from '../src/parse-dts';
import { ProblemList } from '../src/problems';

const method = (name: string, body: string, doc = `\t/**\n\t * Summary\n\t * \n\t * @param {Object} opts Optional parameters\n\t */`) =>
  `${doc}\n\t${name}(opts) {\n\t\topts = opts || {};\n${body}\n\t}\n`;

const call = (queryParams = '{  }', extra = "opts['customHeaders']") =>
  `\t\treturn this.apiClient.callApi('/api/v2/things', 'GET', {  }, ${queryParams}, {  }, {  }, null, ['PureCloud OAuth'], ['application/json'], ['application/json'], ${extra});`;

describe('methods the extractor cannot read', () => {
  it('names each one with the reason, and keeps the readable ones', () => {
    const text = `class ThingsApi {\n\tconstructor(apiClient) { this.apiClient = apiClient; }\n${[
      method('getGood', call()),
      method('getNoCall', '\t\treturn Promise.resolve();'),
      method('getShortCall', "\t\treturn this.apiClient.callApi('/x', 'GET');"),
      method('getOddFormat', call("{ 'ids': this.apiClient.buildCollectionParam(opts['ids'], 'weird') }")),
      method('getComputed', call("{ 'q': opts['a'] + opts['b'] }")),
      method('getNoHeaders', call('{  }', 'undefined')),
      method('getNoDoc', call(), ''),
    ].join('\n')}}\n`;
    const problems = new ProblemList();
    const { className, methods } = parseApiClass('ThingsApi.js', text, problems);
    expect(className).toBe('ThingsApi');
    expect(methods.map((m) => m.methodName)).toEqual(['getGood']);
    expect(problems.items).toEqual([
      { subject: 'ThingsApi.getNoCall', reason: 'no `return this.apiClient.callApi(...)` statement' },
      { subject: 'ThingsApi.getShortCall', reason: 'callApi has 2 arguments, expected 11' },
      { subject: 'ThingsApi.getOddFormat', reason: 'query parameter "ids" has unknown collection format "weird"' },
      { subject: 'ThingsApi.getComputed', reason: "query parameter \"q\" has an unrecognised value `opts['a'] + opts['b']`" },
      { subject: 'ThingsApi.getNoHeaders', reason: "the last callApi argument is not opts['customHeaders']" },
      { subject: 'ThingsApi.getNoDoc', reason: 'no JSDoc block' },
    ]);
  });

  it('reports a file without a class', () => {
    const problems = new ProblemList();
    parseApiClass('Empty.js', 'export default 1;', problems);
    expect(problems.items).toEqual([{ subject: 'Empty.js', reason: 'no class declaration' }]);
  });
});

describe('types index.d.ts gives that the extractor cannot represent', () => {
  it('names the model or method and the type', () => {
    const dts = `
declare class ThingsApi {
  getThing(id: string, opts?: ThingsApi.getThingOptions): Models.Thing;
  getOther(id: string): Promise<Map<string, number>>;
}
declare namespace Models {
  export interface Thing { "id"?: string; "when"?: string | number; }
  export interface Fine { "id"?: string; }
}`;
    const problems = new ProblemList();
    const index = parseDts(dts, new Set(['ThingsApi']), problems);
    expect([...index.models.keys()]).toEqual(['Fine']);
    expect(problems.items).toEqual([
      { subject: 'ThingsApi.getThing', reason: 'index.d.ts: return type `Models.Thing` is not Promise<T>' },
      { subject: 'ThingsApi.getOther', reason: 'index.d.ts: unsupported type reference `Map<string, number>`' },
      { subject: 'Models.Thing', reason: 'index.d.ts: union member `string` is not a string literal' },
    ]);
  });
});
