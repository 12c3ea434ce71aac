/**
 * @module The OpenAPI 3.1 document, made from the routes' own zod schemas with zod's JSON Schema converter (already in
 * the Worker for validation): no OpenAPI library in the Worker. A schema with `.meta({ id })` is a component, referred to
 * by `$ref` wherever it appears.
 */
import { type ZodObject, type ZodType, z } from "zod";
import { MAX_FACET_VALUES } from "../../format/bundle";

/** A response of a route: what it means, and the schema of its JSON body. */
interface ResponseDoc {
  description: string;
  headers?: Record<string, { description: string; schema: { type: string } }>;
  content?: { "application/json": { schema: ZodType } };
}

/** What the document says of a route: its path as Hono matches it (`/documents/:id`), its parameters, its answers. */
export interface RouteDoc {
  method: "get";
  path: string;
  summary: string;
  request?: { query?: ZodObject; params?: ZodObject };
  responses: Record<number, ResponseDoc>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** JSON Schema's bounds of a safe integer, which `z.number().int()` states and a reader of the document does not need. */
const SAFE_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);

/** zod's JSON Schema as OpenAPI wants it: `$defs` refs pointing at the components, no `$schema`, no bounds of a safe integer, and objects open (zod drops unknown keys; it does not refuse them). */
function tidy(value: Json): Json {
  if (Array.isArray(value)) return value.map(tidy);
  if (value === null || typeof value !== "object") return value;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "$schema" || (key === "additionalProperties" && v === false)) continue;
    if ((key === "minimum" || key === "maximum") && typeof v === "number" && SAFE_BOUNDS.has(v)) continue;
    out[key] = key === "$ref" && typeof v === "string" ? v.replace("#/$defs/", "#/components/schemas/") : tidy(v);
  }
  return out;
}

/** A schema as JSON Schema, its named parts (and itself, when named) moved to `components`. */
function schemaOf(schema: ZodType, io: "input" | "output", components: JsonObject): JsonObject {
  const { $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonObject;
  for (const [id, def] of Object.entries(($defs ?? {}) as JsonObject)) components[id] ??= tidy(def);
  return tidy(rest) as JsonObject;
}

/** A route's query or path schema as OpenAPI parameters, one a property. */
function parametersOf(schema: ZodObject, where: "query" | "path", components: JsonObject): JsonObject[] {
  const { properties = {}, required = [] } = schemaOf(schema, "input", components) as { properties?: JsonObject; required?: string[] };
  return Object.entries(properties).map(([name, property]) => {
    const { description } = property as { description?: string };
    return {
      schema: property,
      required: where === "path" || required.includes(name),
      ...(description === undefined ? {} : { description }),
      name,
      in: where,
    };
  });
}

/** The validators and caching headers of a read's answer (see http/caching.ts), and its timings. */
const CACHING_HEADERS: JsonObject = {
  ETag: {
    description: "A weak validator of this answer: the live bundle version and the request. Send it back in If-None-Match.",
    schema: { type: "string" },
  },
  "Cache-Control": {
    description: "public, max-age and stale-while-revalidate (the CACHE_MAX_AGE and CACHE_STALE_WHILE_REVALIDATE settings).",
    schema: { type: "string" },
  },
  "Server-Timing": {
    description:
      "What the answer cost: kv (time waiting for KV, with the keys, bytes and round trips read), cache hits, and timings that are local only (Workers' clocks stand still during CPU work).",
    schema: { type: "string" },
  },
};
const IF_NONE_MATCH: JsonObject = {
  name: "If-None-Match",
  in: "header",
  required: false,
  description: "An ETag of an earlier answer: a 304 with no body when it still names this one.",
  schema: { type: "string" },
};
const NOT_MODIFIED: JsonObject = {
  description: "Not modified: If-None-Match names this answer's ETag (the same live version and request). No body.",
  headers: { ETag: CACHING_HEADERS.ETag as Json, "Cache-Control": CACHING_HEADERS["Cache-Control"] as Json },
};

/**
 * The OpenAPI 3.1 document of `routes`, naming `origin` as its server; the routes `conditional` names answer with an
 * ETag and a 304 to a request naming it.
 * @example
 * openApiDocument([healthDoc], "https://search.example.com").paths["/health"].get.summary; // "The bundle being served"
 */
export function openApiDocument(routes: readonly RouteDoc[], origin: string, conditional: (path: string) => boolean = () => false) {
  const components: JsonObject = {};
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([^/]+)/g, "{$1}");
    const cached = conditional(route.path);
    const parameters = [
      ...(route.request?.params ? parametersOf(route.request.params, "path", components) : []),
      ...(route.request?.query ? parametersOf(route.request.query, "query", components) : []),
      ...(cached ? [IF_NONE_MATCH] : []),
    ];
    const responses: JsonObject = {};
    for (const [status, { content, ...rest }] of Object.entries(route.responses)) {
      const body = content?.["application/json"].schema;
      responses[status] = {
        ...(rest as JsonObject),
        ...(cached && status === "200" ? { headers: { ...CACHING_HEADERS, ...((rest.headers ?? {}) as JsonObject) } } : {}),
        ...(body ? { content: { "application/json": { schema: schemaOf(body, "output", components) } } } : {}),
      };
    }
    if (cached) responses["304"] = NOT_MODIFIED;
    paths[path] ??= {};
    paths[path][route.method] = { summary: route.summary, ...(parameters.length ? { parameters } : {}), responses };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "edge-search",
      version: "1",
      description: "Entity-aware search over a news archive, served from a sharded KV bundle.",
    },
    servers: [{ url: origin }],
    components: { schemas: components },
    paths,
  };
}

/**
 * The document with the bundle's facets (`npm run build -- --facet section`): query parameters of `/search` (a record
 * field whose values filter the hits, any of them, at most `MAX_FACET_VALUES` of 200 characters), and keys of its
 * answer's `facets` (each value with how many of the best matches hold it).
 * @example
 * withFacets(document, ["section"]).paths["/search"].get.parameters.at(-1).name; // "section"
 */
export function withFacets<T extends { paths: Record<string, Record<string, JsonObject>>; components: { schemas: JsonObject } }>(
  document: T,
  facets: readonly string[],
): T {
  const search = document.paths["/search"]?.get;
  if (!search || facets.length === 0) return document;
  const parameters = facets.map((name) => ({
    name,
    in: "query",
    required: false,
    description: `A facet of this archive: keeps documents whose \`${name}\` is one of the values (repeat the parameter for several).`,
    schema: { type: "array", items: { type: "string", maxLength: 200 }, maxItems: MAX_FACET_VALUES },
    style: "form",
    explode: true,
  }));
  const before = (search.parameters as JsonObject[] | undefined) ?? [];
  const paths = {
    ...document.paths,
    "/search": { ...document.paths["/search"], get: { ...search, parameters: [...before, ...parameters] } },
  };
  const counted = {
    type: "array",
    items: { type: "object", properties: { value: { type: "string" }, count: { type: "integer" } }, required: ["value", "count"] },
  };
  const answer = document.components.schemas.SearchResponse as { properties?: { facets?: { properties?: JsonObject } } } | undefined;
  const declared = answer?.properties?.facets;
  if (!answer || !declared?.properties) return { ...document, paths };
  const facetsSchema = {
    ...declared,
    properties: { ...declared.properties, ...Object.fromEntries(facets.map((name) => [name, counted])) },
  };
  const schemas = {
    ...document.components.schemas,
    SearchResponse: { ...answer, properties: { ...answer.properties, facets: facetsSchema } },
  };
  return { ...document, paths, components: { ...document.components, schemas } };
}
