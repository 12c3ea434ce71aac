/** @module The public API's schemas: they validate requests, type responses, and generate `/openapi.json`. */
import { z } from "zod";
import { errors } from "../../errors";
import { ENTITY_PAGE_SIZE, TRENDING_DAYS } from "../../format/bundle";
import {
  EntityRecord,
  entityTypes,
  EntityRef as StoredEntityRef,
  EntityType as StoredEntityType,
  Mention as StoredMention,
} from "../../format/schema";
import { SearchHit as EngineHit } from "../../search/hit";

export const MAX_QUERY_CHARS = 512;
export const MAX_ENTITY_FILTERS = 5;
export const MAX_OFFSET = 10_000;

/**
 * A whole number written in decimal digits ("0x10", "1e1" and "9.9" are no limit); an empty value is no value, and
 * takes the default.
 */
const decimal = (value: unknown) =>
  value === "" ? undefined : typeof value === "string" && !/^\s*\d+\s*$/.test(value) ? Number.NaN : value;
const limit = (fallback: number, max: number) =>
  z
    .preprocess(decimal, z.coerce.number().int().min(1).max(max).default(fallback))
    .meta({ description: `Results per page, 1–${max}.`, example: fallback });
const offset = z
  .preprocess(decimal, z.coerce.number().int().min(0).max(MAX_OFFSET).default(0))
  .meta({ description: "Results to skip (paging)." });
const q = z
  .string()
  .min(1)
  .max(MAX_QUERY_CHARS)
  .refine((s) => s.trim().length > 0)
  .meta({
    description:
      'The query: words (all matched first, then partial matches), `"phrases"`, `-excluded`, `a OR b`, `title:word`, `from:2021-08 to:2021-08-31`, `entity:<id>`, `lang:de`, `word*`. The last word matches as a prefix unless the query ends with a space.',
    example: "kabul embassy",
  });
const stringOrList = z.union([z.string(), z.array(z.string())]);

// The stored shapes are the API's shapes: one definition, named here as components of the OpenAPI document.
export const EntityType = StoredEntityType.meta({ id: "EntityType" });
export const EntityRef = StoredEntityRef.meta({ id: "EntityRef" });

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errors) as [keyof typeof errors, ...(keyof typeof errors)[]]),
      message: z.string(),
    }),
  })
  .meta({ id: "Error" });

export const SearchQuery = z.object({
  q,
  limit: limit(10, 100),
  offset,
  entity: stringOrList
    .optional()
    .meta({ description: `Entity ids every hit must mention (repeat the parameter, at most ${MAX_ENTITY_FILTERS}).` }),
  lang: z
    .string()
    .regex(/^[a-zA-Z]{2,3}$/, "lang must be a language code such as en, de or zh")
    .optional()
    .meta({
      description:
        "Only documents in this language: an ISO 639-1 code such as `en`, `de` or `zh` (`und`: those the build could not tell). `lang:de` in `q` does the same.",
      example: "en",
    }),
  sort: z.enum(["relevance", "date"]).default("relevance").meta({ description: "Order: relevance, or newest first." }),
  recency: z.coerce
    .number()
    .min(1)
    .max(36_500)
    .optional()
    .meta({ description: "Boost recent documents: a half-life in days, relative to the newest document." }),
  facets: z.enum(["sample", "all", "none"]).default("sample").meta({
    description:
      "`sample` (the default) counts the entity facets among the best 20 matches; `all` counts the entities it lists over every match the search read (one or two more KV round trips: their postings, and up to 16 tail chunks), `facets_exhaustive` saying whether that was every match; `none` counts none (every facet empty, `facets_exhaustive` false) and reads only the page's metadata: about half the KV keys of a cold search, the same hits.",
  }),
  group: z.enum(["true", "false"]).default("true").meta({
    description:
      "`true` (the default) folds near-duplicates (the same story re-run, lightly edited) into their best-ranked hit, which lists them in `duplicates` and `duplicate_ids`; `false` shows every document.",
  }),
});

// The engine's hit, with the API's named entity reference (its descriptions come along: zod keeps them in its registry).
export const SearchHit = z.object({ ...EngineHit.shape, entities: z.array(EntityRef) }).meta({ id: "SearchHit" });

const FacetValues = z.array(EntityRef.extend({ count: z.number().int() }));

export const SearchResponse = z
  .object({
    query: z.string(),
    order: z.enum(["relevance", "date", "mentions"]).meta({
      description:
        "How the hits are ordered: `relevance`, `date` (`sort=date`), or `mentions` when the query is an entity alone in an archive without dates (the documents naming it most first, then the rest in reverse input order).",
    }),
    total: z.number().int().meta({
      description:
        "Documents matching the query's words (every word first, then some). An estimate for phrase queries, and when `total_approximate` is true.",
    }),
    total_approximate: z.boolean().meta({
      description:
        "Whether `total` is an estimate: some words are in so many documents that only their best-scoring ones (and the ones the filters need) were read.",
    }),
    took_ms: z.number().meta({
      description:
        "Milliseconds the search took by the Worker's clock. On Cloudflare that clock advances only across I/O, so this is the time spent waiting for KV; in a local runtime it includes the CPU.",
    }),
    facets: z
      .object({
        person: FacetValues,
        organization: FacetValues,
        place: FacetValues,
        lang: z.array(z.object({ lang: z.string(), count: z.number().int() })),
        dates: z.array(z.object({ period: z.string(), count: z.number().int() })).meta({
          description:
            "Every matching document read, by year (`2026`), month (`2026-03`) or day (`2026-03-02`) as their span needs (days up to two months, months up to three years), oldest first; undated documents are not counted. Exact when `total_approximate` is false; otherwise it counts the best-scoring documents read. Empty on an archive without dates.",
        }),
      })
      .meta({
        description:
          "The entities of each type among the best matches (up to 20 documents), most frequent first, with how many of them hold each; those documents' languages (`lang`); the dates of all matches (`dates`); and for each record field the bundle was built with as a facet (`--facet category`), its values among those 20 documents (`category: [{ value, count }]`). A facet is also a filter: `category=politics` (repeatable: any of the values) or `category:politics` in `q`.",
      }),
    facets_exhaustive: z.boolean().meta({ description: "Whether the facets counted every matching document." }),
    corrected: z
      .string()
      .nullable()
      .meta({ description: "The query with unknown words corrected (did you mean), when the results include corrections." }),
    hits: z.array(SearchHit),
  })
  .meta({ id: "SearchResponse" });

export const SuggestQuery = z.object({
  q,
  limit: limit(5, 20),
  titles: z.enum(["true", "false"]).default("true").meta({
    description:
      "`true` (the default) gives the titles of the best matches for the query as its first completion has it; `false` gives none (`titles` empty) and saves the search they take: about 5 KV keys of a cold suggestion. The widget asks for none.",
  }),
});
export const SuggestResponse = z
  .object({
    query: z.string(),
    terms: z.array(z.object({ text: z.string(), documents: z.number().int() })).meta({
      description:
        "The query with its last word completed. After other words (`tony bl`), by the documents holding those words and the completion (`tony blair`, counted in the best postings of each), else by the completion's own document count.",
    }),
    entities: z.array(z.object({ id: z.string(), name: z.string(), type: EntityType, mentions: z.number().int() })),
    titles: z.array(z.object({ id: z.string(), title: z.string() })),
  })
  .meta({ id: "SuggestResponse" });

export const IdParam = z.object({
  id: z.string().min(1).max(512).meta({ example: "004_7eada462969b83a1" }),
});

export const DocumentResponse = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    date: z.string().nullable(),
    url: z.string().nullable(),
    lang: z.string().meta({
      description:
        'The document\'s language, an ISO 639-1 code ("en", "de", "zh"…): its record\'s `lang` or `language`, else detected at build; "und" when the text says too little (a results table).',
      example: "en",
    }),
    meta: z.record(z.string(), z.unknown()),
    entities: z.array(EntityRef),
    mentions: z.array(z.object(StoredMention.shape)).meta({
      description:
        "Every mention of an entity, in text order: UTF-16 offsets `start`–`end` into `body` (or `title` when `field` is `title`), the entity's id and type; for highlighting.",
    }),
    duplicates: z.number().int().meta({
      description: "How many other documents are near-duplicates of this one (the same story re-run, lightly edited): its group.",
    }),
    duplicate_ids: z.array(z.string()).meta({ description: "The ids of those near-duplicates (the first 20)." }),
  })
  .meta({ id: "Document" });

export const SimilarQuery = z.object({ limit: limit(5, 5) });
export const SimilarResponse = z
  .object({
    id: z.string(),
    similar: z.array(SearchHit).meta({
      description:
        "Related articles, most similar first: documents sharing the most distinctive words and entities of this one (found at build), near-duplicates left out; `score` is their cosine similarity, `snippet` the start of each one's body.",
    }),
  })
  .meta({ id: "SimilarDocuments" });

export const EntityListQuery = z.object({
  type: z.enum(["all", ...entityTypes]).default("all"),
  q: z.string().max(100).optional().meta({
    description: "Entities whose name or an alias has words starting with these (at least 2 letters), e.g. `blin` or `state dep`.",
    example: "blin",
  }),
  limit: limit(20, 100),
  offset,
  trending: z
    .enum(TRENDING_DAYS.map(String) as [string, ...string[]])
    .optional()
    .meta({
      description: `Entities by how much more they appear in the last ${TRENDING_DAYS.join(", ")} days (before the newest document) than their earlier rate would give, among those in 2 documents of that window or more; the first ${2 * ENTITY_PAGE_SIZE} of each list. Not with \`q\`; an archive without dates answers \`dates_unavailable\`.`,
      example: "30",
    }),
});
export const EntityListResponse = z
  .object({
    type: z.string(),
    total: z.number().int(),
    total_approximate: z.boolean().optional().meta({
      description:
        "With `q`, when its longest word starts the names of more than 500 entities (a short or very common word, in an archive of millions of entities) and `q` has other words: `total` counts only the matches among the most mentioned of them; absent when exact.",
    }),
    entities: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        type: EntityType,
        mentions: z.number().int(),
        documents: z.number().int().optional(),
        trend: z.object({ recent: z.number().int(), before: z.number().int(), score: z.number() }).optional().meta({
          description:
            "With `trending`: its documents in the window, before it, and `score`, (recent + 1) over (what its earlier rate gives in as many days + 1).",
        }),
      }),
    ),
  })
  .meta({ id: "EntityList" });

export const EntityResponse = z
  .object(EntityRecord.shape)
  .extend({
    documents: z.object({ count: z.number().int(), ids: z.array(z.string()) }).meta({
      description:
        "How many documents name it (`count`), and the ids of the first 1,000 of them in archive order (oldest first in a dated archive; `count` larger than `ids` says there are more; `/search?q=entity:<id>` pages through all, with `&sort=date` newest first where documents have dates).",
    }),
    recent: z.array(z.object({ id: z.string(), title: z.string(), date: z.string().nullable(), url: z.string().nullable() })).meta({
      description:
        "The 10 newest documents mentioning the entity (`/search?q=entity:<id>&sort=date` pages through all); in an archive without dates, the 10 naming it most (`recent_order`).",
    }),
    recent_order: z.enum(["date", "mentions"]).meta({
      description: "How `recent` is ordered: `date` (newest first), or `mentions` (most first) in an archive without dates.",
    }),
    timeline: z.array(z.object({ month: z.string(), documents: z.number().int() })).meta({
      description:
        "Its documents a month (`YYYY-MM`), from the first month it appears in to the last, months without any at 0; empty without dates.",
    }),
    top_documents: z
      .array(z.string())
      .optional()
      .meta({ description: "The ids of the (at most 10) documents naming it most, most mentions first (when it is in more than one)." }),
  })
  .meta({ id: "Entity" });

export const HealthResponse = z
  .object({
    status: z.literal("ok"),
    version: z.string(),
    format: z.number().int(),
    built_at: z.string(),
    documents: z.number().int(),
    entities: z.number().int(),
    store: z.enum(["kv", "assets"]).meta({
      description: "Where the bundle is read from: Workers KV, or the Worker's Static Assets (`npm run deploy -- --target assets`).",
    }),
    deltas: z.array(z.string()).meta({
      description: "The versions of the delta segments updates added to the base (`npm run build -- --update`), oldest first.",
    }),
  })
  .meta({ id: "Health" });

/** The error responses every read may give. */
export const errorResponses = {
  400: {
    description: "Bad parameters: a value out of range or malformed, or a parameter the route does not read (`bad_request`, naming it)",
    content: { "application/json": { schema: ErrorResponse } },
  },
  503: {
    description: "No bundle, an unreadable one, or KV failing",
    headers: {
      "Retry-After": {
        description:
          "Seconds before asking again: 1 when KV failed, 30 for a bundle error (an isolate rereads the live manifest every 30 s).",
        schema: { type: "integer" },
      },
    },
    content: { "application/json": { schema: ErrorResponse } },
  },
} as const;

/**
 * The parameters each route reads, by its path as Hono matches it; `/search` also reads the bundle's facets
 * (`category=politics`). Any other parameter is refused: a misspelt `limt=5` or `Q=kabul` silently ignored would
 * answer another question than the one asked.
 */
export const ROUTE_PARAMETERS: Record<string, readonly string[]> = {
  "/search": Object.keys(SearchQuery.shape),
  "/suggest": Object.keys(SuggestQuery.shape),
  "/documents/:id": [],
  "/documents/:id/similar": Object.keys(SimilarQuery.shape),
  "/entities": Object.keys(EntityListQuery.shape),
  "/entities/:id": [],
};
