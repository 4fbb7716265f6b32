import type { PageRow, ShopRepositories } from "@stall/db";
import {
  type CreatePageInput,
  DomainError,
  mergeTranslations,
  type PageTranslations,
  renderMarkdown,
  slugify,
  type UpdatePageInput,
} from "@stall/domain";
import type { ResourceHandlers } from "../resource-handlers.ts";
import { assertShopLanguages } from "./translations.ts";

type StoredPageTranslation = PageRow["translations"][string];

/** Translated bodies are rendered and sanitised on save, like the main body. */
function toStoredTranslations(translations: PageTranslations | undefined): Record<string, StoredPageTranslation> {
  return Object.fromEntries(
    Object.entries(translations ?? {}).map(([locale, entry]) => [
      locale,
      {
        title: entry.title ?? "",
        bodyMarkdown: entry.body ?? "",
        bodyHtml: entry.body ? renderMarkdown(entry.body) : "",
      },
    ]),
  );
}

function toPageTranslations(translations: PageRow["translations"]) {
  return Object.fromEntries(
    Object.entries(translations).map(([locale, entry]) => [
      locale,
      {
        ...(entry.title ? { title: entry.title } : {}),
        ...(entry.bodyMarkdown ? { body: entry.bodyMarkdown, html: entry.bodyHtml ?? "" } : {}),
      },
    ]),
  );
}

export function toPage(page: PageRow) {
  return {
    id: page.id,
    slug: page.slug,
    title: page.title,
    body: page.bodyMarkdown,
    html: page.bodyHtml,
    isPublished: page.isPublished,
    position: page.position,
    translations: toPageTranslations(page.translations),
    updatedAt: page.updatedAt,
  };
}

async function assertSlugFree(repos: ShopRepositories, slug: string, exceptId?: string) {
  const found = await repos.pages.getBySlug(slug);
  if (found && found.id !== exceptId) {
    throw new DomainError("conflict", `Another page already uses /pages/${slug}`, {
      errors: [{ path: "slug", message: "Already used" }],
    });
  }
}

/** Content pages: Markdown in, sanitised HTML stored beside it, so shoppers' pages never render Markdown. */
export const pageHandlers: ResourceHandlers<CreatePageInput, UpdatePageInput, ReturnType<typeof toPage>> = {
  list: async (_deps, access) => (await access.repos.pages.list()).map(toPage),
  get: async (_deps, access, id) => {
    const page = await access.repos.pages.get(id);
    return page && toPage(page);
  },
  create: async (deps, access, input) => {
    const { repos } = access;
    const slug = input.slug ?? slugify(input.title);
    assertShopLanguages(access.shop, [[input.translations, "translations"]]);
    await assertSlugFree(repos, slug);
    const now = deps.clock.now();
    const body = input.body ?? "";
    const isPublished = input.isPublished ?? true;
    const page = await repos.pages.create(
      {
        id: deps.newId("page"),
        slug,
        title: input.title,
        bodyMarkdown: body,
        bodyHtml: renderMarkdown(body),
        isPublished,
        translations: mergeTranslations({}, toStoredTranslations(input.translations)),
        position: (await repos.pages.list()).length,
        createdAt: now,
        updatedAt: now,
        publishedAt: isPublished ? now : null,
      },
      now,
    );
    return toPage(page);
  },
  update: async (deps, access, id, patch) => {
    const { repos } = access;
    assertShopLanguages(access.shop, [[patch.translations, "translations"]]);
    if (patch.slug) await assertSlugFree(repos, patch.slug, id);
    const { body, translations, ...fields } = patch;
    const current = translations !== undefined ? await repos.pages.get(id) : undefined;
    if (translations !== undefined && !current) return undefined;
    const page = await repos.pages.update(
      id,
      {
        ...fields,
        ...(body !== undefined ? { bodyMarkdown: body, bodyHtml: renderMarkdown(body) } : {}),
        ...(current
          ? { translations: mergeTranslations(current.translations, toStoredTranslations(translations)) }
          : {}),
      },
      deps.clock.now(),
    );
    return page && toPage(page);
  },
  remove: (deps, access, id) => access.repos.pages.delete(id, deps.clock.now()),
};
