/**
 * Pure, deterministic row generators: the same seed and size give the same rows. Rows are
 * arrays in the column order of TABLE_COLUMNS, ready for COPY. Nothing here does I/O.
 */
import { SeededRandom, zipfCounts } from './random.js';
import {
  CITIES, CUISINES, DIETARY, DISHES, FEATURES, FIRST_NAMES, LAST_NAMES, MENU_SECTIONS, NAME_CORES,
  NAME_PREFIXES, UNICODE_NAMES, WORDS, type City,
} from './vocabulary.js';

export type CopyValue = string | number | boolean | null | readonly string[] | Record<string, unknown>;
export type Row = CopyValue[];

export const TABLE_COLUMNS = {
  categories: ['category_id', 'kind', 'slug', 'name', 'created_at', 'updated_at'],
  users: ['user_id', 'email', 'display_name', 'home_city', 'preferences', 'created_at', 'updated_at'],
  restaurants: [
    'restaurant_id', 'name', 'description', 'city', 'address_line', 'postal_code', 'country_code', 'latitude',
    'longitude', 'phone', 'website', 'price_level', 'opening_hours', 'dietary_flags', 'created_at', 'updated_at',
  ],
  restaurant_categories: ['restaurant_id', 'category_id', 'created_at'],
  menu_items: [
    'item_id', 'restaurant_id', 'section', 'position', 'name', 'description', 'price', 'currency', 'is_available',
    'dietary_flags', 'created_at', 'updated_at',
  ],
  reviews: ['review_id', 'restaurant_id', 'user_id', 'rating', 'title', 'body', 'visited_on', 'created_at', 'updated_at'],
  rankings: ['user_id', 'ranking_id', 'restaurant_id', 'rank_position', 'notes', 'created_at', 'updated_at'],
  favorites: ['user_id', 'restaurant_id', 'created_at'],
} as const;

export type SeedTable = keyof typeof TABLE_COLUMNS;

export interface SeedPlan {
  seed: number;
  restaurants: number;
  users: number;
  reviews: number;
}

/** Sizes scale with the restaurant count: ~50 reviews and 3 users per restaurant on average. */
export function planSeed(restaurants: number, seed: number): SeedPlan {
  return { seed, restaurants, users: Math.max(20, restaurants * 3), reviews: restaurants * 50 };
}

// A fixed "now" so that timestamps do not depend on when the seed runs.
const SEED_EPOCH_MS = Date.UTC(2026, 0, 1);
const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;

/** An ISO timestamp with microseconds, some time in the two years before the seed epoch. */
function pastTimestamp(rng: SeededRandom, notBeforeMs = SEED_EPOCH_MS - TWO_YEARS_MS): { iso: string; ms: number } {
  const ms = notBeforeMs + Math.floor(rng.float() * (SEED_EPOCH_MS - notBeforeMs));
  const micros = rng.int(0, 999);
  const iso = new Date(ms).toISOString().replace('Z', `${String(micros).padStart(3, '0')}Z`);
  return { iso, ms };
}

function sentence(rng: SeededRandom, minWords: number, maxWords: number): string {
  const count = rng.int(minWords, maxWords);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(rng.pick(WORDS));
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(rng: SeededRandom, sentences: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(sentence(rng, 4, 16));
  return parts.join(' ');
}

export interface Category {
  id: string;
  kind: 'cuisine' | 'dietary' | 'feature';
  slug: string;
}

export interface SeedContext {
  rng: SeededRandom;
  plan: SeedPlan;
  categories: Category[];
  userIds: string[];
  restaurantIds: string[];
  /** The menu currency of each restaurant, by index: its city's. */
  restaurantCurrencies: string[];
}

export function createContext(plan: SeedPlan): SeedContext {
  return { rng: new SeededRandom(plan.seed), plan, categories: [], userIds: [], restaurantIds: [], restaurantCurrencies: [] };
}

export function* categoryRows(ctx: SeedContext): Generator<Row> {
  const groups = [
    ['cuisine', CUISINES],
    ['dietary', DIETARY],
    ['feature', FEATURES],
  ] as const;
  for (const [kind, entries] of groups) {
    for (const entry of entries) {
      const id = ctx.rng.uuid();
      ctx.categories.push({ id, kind, slug: entry.slug });
      const at = pastTimestamp(ctx.rng).iso;
      yield [id, kind, entry.slug, entry.name, at, at];
    }
  }
}

export function* userRows(ctx: SeedContext): Generator<Row> {
  const { rng } = ctx;
  for (let i = 0; i < ctx.plan.users; i++) {
    const id = rng.uuid();
    ctx.userIds.push(id);
    const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    const created = pastTimestamp(rng);
    const preferences = { cuisines: rng.sample(CUISINES, rng.int(0, 3)).map((c) => c.slug), notifications: rng.chance(0.6) };
    yield [id, `user${i}@example.test`, name, rng.pick(CITIES).name, preferences, created.iso, pastTimestamp(rng, created.ms).iso];
  }
}

function openingHours(rng: SeededRandom): Record<string, unknown> {
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const closedDay = rng.chance(0.5) ? rng.pick(days) : undefined;
  const open = `${String(rng.int(6, 12)).padStart(2, '0')}:00`;
  const close = `${String(rng.int(20, 23)).padStart(2, '0')}:${rng.pick(['00', '30'])}`;
  const hours: Record<string, unknown> = {};
  for (const day of days) hours[day] = day === closedDay ? [] : [{ open, close }];
  return hours;
}

function restaurantName(rng: SeededRandom, index: number): string {
  if (rng.chance(0.08)) return `${rng.pick(UNICODE_NAMES)} ${index}`;
  return `${rng.pick(NAME_PREFIXES)} ${rng.pick(NAME_CORES)} ${index}`;
}

export function* restaurantRows(ctx: SeedContext): Generator<Row> {
  const { rng } = ctx;
  for (let i = 0; i < ctx.plan.restaurants; i++) {
    const id = rng.uuid();
    ctx.restaurantIds.push(id);
    // Popular cities hold more restaurants (a skew the listing must cope with).
    const city: City = CITIES[Math.min(CITIES.length - 1, Math.floor(Math.pow(rng.float(), 1.6) * CITIES.length))] as City;
    ctx.restaurantCurrencies.push(city.currency);
    const created = pastTimestamp(rng);
    // Some long descriptions: large values are TOASTed by PostgreSQL, which CDC must handle.
    const description = rng.chance(0.03) ? paragraph(rng, rng.int(150, 400)) : rng.chance(0.9) ? paragraph(rng, rng.int(1, 3)) : null;
    yield [
      id,
      restaurantName(rng, i),
      description,
      city.name,
      `${rng.int(1, 250)} ${rng.pick(NAME_CORES)} Street`,
      `${city.postalPrefix}${String(rng.int(0, 999)).padStart(3, '0')}`,
      city.countryCode,
      Number((city.latitude + (rng.float() - 0.5) * 0.2).toFixed(6)),
      Number((city.longitude + (rng.float() - 0.5) * 0.2).toFixed(6)),
      rng.chance(0.8) ? `+${rng.int(10, 99)} ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}` : null,
      rng.chance(0.5) ? `https://r${i}.example.test/` : null,
      rng.int(1, 4),
      openingHours(rng),
      rng.sample(DIETARY, rng.int(0, 2)).map((d) => d.slug),
      created.iso,
      pastTimestamp(rng, created.ms).iso,
    ];
  }
}

export function* restaurantCategoryRows(ctx: SeedContext): Generator<Row> {
  const { rng } = ctx;
  const cuisines = ctx.categories.filter((c) => c.kind === 'cuisine');
  const others = ctx.categories.filter((c) => c.kind !== 'cuisine');
  for (const restaurantId of ctx.restaurantIds) {
    const chosen = [...rng.sample(cuisines, rng.int(1, 2)), ...rng.sample(others, rng.int(0, 3))];
    for (const category of chosen) yield [restaurantId, category.id, pastTimestamp(rng).iso];
  }
}

export function* menuItemRows(ctx: SeedContext): Generator<Row> {
  const { rng } = ctx;
  for (let r = 0; r < ctx.restaurantIds.length; r++) {
    // About 5% of restaurants have no menu yet: the API must answer with an empty list.
    if (rng.chance(0.05)) continue;
    const count = rng.int(8, 32);
    const currency = ctx.restaurantCurrencies[r] as string;
    for (let position = 0; position < count; position++) {
      const at = pastTimestamp(rng);
      const cents = rng.int(150, 9_000) * (currency === 'JPY' ? 100 : 1);
      yield [
        rng.uuid(),
        ctx.restaurantIds[r] as string,
        MENU_SECTIONS[Math.min(MENU_SECTIONS.length - 1, Math.floor((position / count) * MENU_SECTIONS.length))] as string,
        position,
        rng.pick(DISHES),
        rng.chance(0.7) ? sentence(rng, 3, 12) : null,
        (cents / 100).toFixed(2),
        currency,
        rng.chance(0.95),
        rng.sample(DIETARY, rng.int(0, 1)).map((d) => d.slug),
        at.iso,
        pastTimestamp(rng, at.ms).iso,
      ];
    }
  }
}

/**
 * Reviews with Zipf-skewed popularity: a few restaurants have hundreds, most a handful, and
 * the least popular tenth (new places) none yet.
 */
export function* reviewRows(ctx: SeedContext): Generator<Row> {
  const { rng, userIds } = ctx;
  const reviewed = Math.ceil(ctx.restaurantIds.length * 0.9);
  const counts = zipfCounts(reviewed, ctx.plan.reviews, 0.9);
  // Shuffle which restaurant gets which popularity rank, deterministically.
  const order = rng.sample(ctx.restaurantIds.map((_, i) => i), ctx.restaurantIds.length);
  for (let rank = 0; rank < order.length; rank++) {
    const restaurantId = ctx.restaurantIds[order[rank] as number] as string;
    const count = counts[rank] ?? 0;
    for (let k = 0; k < count; k++) {
      // Active reviewers write more: square the uniform draw to skew towards low indexes.
      const userId = userIds[Math.floor(Math.pow(rng.float(), 2) * userIds.length)] as string;
      const created = pastTimestamp(rng);
      const visited = new Date(created.ms - rng.int(0, 30) * 86_400_000).toISOString().slice(0, 10);
      const body = rng.chance(0.01) ? paragraph(rng, rng.int(60, 200)) : paragraph(rng, rng.int(1, 4));
      yield [
        rng.uuid(), restaurantId, userId, rng.int(1, 5), rng.chance(0.6) ? sentence(rng, 2, 6) : null, body,
        rng.chance(0.8) ? visited : null, created.iso, rng.chance(0.1) ? pastTimestamp(rng, created.ms).iso : created.iso,
      ];
    }
  }
}

export function* rankingRows(ctx: SeedContext): Generator<Row> {
  const { rng } = ctx;
  for (const userId of ctx.userIds) {
    if (!rng.chance(0.4)) continue;
    const picks = rng.distinctIndexes(ctx.restaurantIds.length, rng.int(1, 5));
    for (let i = 0; i < picks.length; i++) {
      const created = pastTimestamp(rng);
      const notes = rng.chance(0.3) ? sentence(rng, 3, 10) : null;
      yield [userId, rng.uuid(), ctx.restaurantIds[picks[i] as number] as string, i + 1, notes, created.iso, pastTimestamp(rng, created.ms).iso];
    }
  }
}

export function* favoriteRows(ctx: SeedContext): Generator<Row> {
  const { rng } = ctx;
  for (const userId of ctx.userIds) {
    for (const index of rng.distinctIndexes(ctx.restaurantIds.length, rng.int(0, 6))) {
      yield [userId, ctx.restaurantIds[index] as string, pastTimestamp(rng).iso];
    }
  }
}
