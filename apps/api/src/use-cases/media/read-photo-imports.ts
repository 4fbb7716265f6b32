import type { PhotoImportSummary } from "@stall/db";
import { DomainError } from "@stall/domain";
import type { ShopAccess } from "../access.ts";

/** Failed photos listed per import; more than this is a file to fix as a whole, and the count says so. */
const MAX_LISTED = 500;

function toSummary(job: PhotoImportSummary) {
  return {
    id: job.id,
    status: job.status,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    productsCreated: job.productsCreated,
    productsUpdated: job.productsUpdated,
    photos: {
      total: job.photos.total,
      waiting: job.photos.queued + job.photos.fetching,
      fetched: job.photos.done,
      failed: job.photos.failed,
    },
  };
}

/** The newest imports of the shop and how far their photos got. */
export async function listPhotoImports(options: { access: Pick<ShopAccess, "repos"> }) {
  const jobs = await options.access.repos.photoImports.list(20);
  return { items: jobs.map(toSummary) };
}

/**
 * One import's photos: how many arrived, and each one that could not be fetched (its address, its
 * product and the reason in plain words), or that is waiting to be tried again.
 */
export async function getPhotoImport(options: { access: Pick<ShopAccess, "repos">; importId: string }) {
  const { repos } = options.access;
  const job = await repos.photoImports.get(options.importId);
  if (!job) throw new DomainError("not_found", "No such import in this shop");
  const describe = (row: Awaited<ReturnType<typeof repos.photoImports.items>>[number]) => ({
    url: row.item.url,
    productId: row.item.productId,
    productTitle: row.productTitle ?? "",
    reason: row.item.error ?? "",
    failure: row.item.failure ?? "network",
    attempts: row.item.attempts,
  });
  const failed = await repos.photoImports.items(job.id, "failed", MAX_LISTED);
  // Queued items with an error failed once for a passing reason and wait for another try.
  const waiting = (await repos.photoImports.items(job.id, "queued", MAX_LISTED)).filter((row) => row.item.error);
  return {
    ...toSummary(job),
    failures: failed.map(describe),
    retrying: waiting.map((row) => ({ ...describe(row), nextAttemptAt: row.item.nextAttemptAt })),
  };
}
