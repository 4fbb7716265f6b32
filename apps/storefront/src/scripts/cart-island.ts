// The cart island: the only script on shop pages, and everything works without it. It shows the cart
// count in the header (pages are cached for everyone, so the count comes from a cookie), shows the
// chosen variant's price and stock, and adds to the cart without leaving the page.

type VariantView = { id: string; values: string[]; price: string; was: string; stock: string; tone: string };
type AddReply = { ok: boolean; message: string; itemCount: number | null; cartUrl: string; cartLabel: string };

function showCount(count: string | number | null | undefined): void {
  const value = Number(count);
  for (const badge of document.querySelectorAll<HTMLElement>("[data-cart-count]")) {
    badge.textContent = value > 0 ? String(value) : "";
    badge.hidden = !(value > 0);
  }
}

function cookie(name: string): string | undefined {
  return document.cookie
    .split("; ")
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

function showVariant(form: HTMLFormElement, variants: VariantView[]): void {
  const chosen = [...form.querySelectorAll<HTMLFieldSetElement>("fieldset")].map(
    (fieldset) => fieldset.querySelector<HTMLInputElement>("input:checked")?.value,
  );
  const variant = variants.find((candidate) => candidate.values.every((value, index) => value === chosen[index]));
  const price = document.querySelector("[data-price]");
  const was = document.querySelector<HTMLElement>("[data-was]");
  const stock = document.querySelector<HTMLElement>("[data-stock]");
  if (!variant || !price) return;
  price.textContent = variant.price;
  if (was) {
    const struck = was.querySelector("s");
    if (struck) struck.textContent = variant.was;
    was.hidden = !variant.was;
  }
  if (stock) {
    stock.textContent = variant.stock;
    stock.className = `badge ${variant.tone}`;
  }
}

async function add(form: HTMLFormElement, status: HTMLElement | null, button: HTMLButtonElement | null) {
  if (button) button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const reply = (await response.json()) as AddReply;
    if (reply.itemCount !== null) showCount(reply.itemCount);
    if (status) {
      const link = document.createElement("a");
      link.href = reply.cartUrl;
      link.textContent = reply.cartLabel;
      status.replaceChildren(...(reply.ok ? [reply.message, " ", link] : [reply.message]));
    }
  } catch {
    // Offline or an odd reply: fall back to the plain form post, which always works.
    form.submit();
  } finally {
    if (button) button.disabled = false;
  }
}

showCount(cookie("stall_cart_count"));

const form = document.querySelector<HTMLFormElement>("form[data-cart-form]");
if (form) {
  const data = document.getElementById("variant-data")?.textContent;
  const variants = data ? (JSON.parse(data) as VariantView[]) : [];
  form.addEventListener("change", () => showVariant(form, variants));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void add(form, form.querySelector<HTMLElement>("[data-cart-status]"), form.querySelector("button[type=submit]"));
  });
}
