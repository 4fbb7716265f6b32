// The checkout island, on the checkout page only; the checkout works without it. It offers only the
// ways to pay that go with the chosen way of getting the order (saying why the others are off), keeps
// the totals up to date as the buyer chooses or applies a code, and lets a second tap on "Place order"
// do nothing while the first is on its way. Address fields show and hide with CSS (:has), or here where
// the browser lacks it.

type Row = { key: string; label: string; value: string };
type QuoteReply = { ok: boolean; rows?: Row[]; taxNote?: string; errors?: Record<string, string>; message: string };

function chosenType(form: HTMLFormElement): string | undefined {
  return form.querySelector<HTMLInputElement>('input[name="fulfilment"]:checked')?.dataset.fulfilmentType;
}

/** Without :has() (older browsers), CSS shows every address block: show only the chosen way's. */
function showAddressFields(form: HTMLFormElement): void {
  if (CSS.supports("selector(:has(*))")) return;
  const type = chosenType(form);
  for (const block of form.querySelectorAll<HTMLElement>("[data-for]")) block.hidden = type !== block.dataset.for;
}

/** Turns off the ways to pay that do not go with the chosen way of getting the order. */
function fitPayments(form: HTMLFormElement): void {
  const type = chosenType(form);
  const radios = [...form.querySelectorAll<HTMLInputElement>('input[name="paymentMethod"]')];
  for (const radio of radios) {
    const needs = radio.dataset.needs;
    const fits = !needs || !type || needs === type;
    radio.disabled = !fits;
    radio.closest(".option")?.classList.toggle("is-unavailable", !fits);
  }
  const checked = radios.find((radio) => radio.checked);
  if (checked?.disabled) checked.checked = false;
  if (!checked || checked.disabled) {
    const first = radios.find((radio) => !radio.disabled);
    if (first) first.checked = true;
  }
}

function showError(form: HTMLFormElement, field: string, message: string): void {
  const error = form.querySelector<HTMLElement>(`[data-error-for="${field}"]`);
  if (error) {
    error.textContent = message;
    error.hidden = !message;
    error.closest(".field, .step")?.classList.toggle("invalid", Boolean(message));
  }
  const input = form.querySelector<HTMLElement>(`#field-${field}`);
  if (input && field === "discountCode") {
    if (message) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", `error-${field}`);
    } else {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    }
  }
}

function showTotals(form: HTMLFormElement, reply: QuoteReply): void {
  const rows = reply.rows ?? [];
  form.querySelector("[data-totals]")?.replaceChildren(
    ...rows.map((row) => {
      const wrapper = document.createElement("div");
      wrapper.className = `totals-row ${row.key}`;
      wrapper.dataset.row = row.key;
      const label = document.createElement("dt");
      label.textContent = row.label;
      const value = document.createElement("dd");
      value.textContent = row.value;
      wrapper.append(label, value);
      return wrapper;
    }),
  );
  const note = form.querySelector<HTMLElement>("[data-tax-note]");
  if (note) {
    note.textContent = reply.taxNote ?? "";
    note.hidden = !reply.taxNote;
  }
  const later = form.querySelector<HTMLElement>("[data-total-later]");
  if (later) later.hidden = rows.length > 0;
}

let pending: AbortController | undefined;

async function refresh(form: HTMLFormElement, isApply: boolean): Promise<void> {
  pending?.abort();
  const controller = new AbortController();
  pending = controller;
  const status = form.querySelector<HTMLElement>("[data-quote-status]");
  if (status) status.textContent = form.dataset.updatingText ?? "";
  try {
    const response = await fetch(form.dataset.quoteUrl ?? "", {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: controller.signal,
    });
    const reply = (await response.json()) as QuoteReply;
    if (controller !== pending) return;
    if (reply.ok) {
      showTotals(form, reply);
      showError(form, "discountCode", reply.errors?.discountCode ?? "");
      showError(form, "fulfilment", reply.errors?.fulfilment ?? "");
    }
    if (status) status.textContent = reply.message;
  } catch {
    if (controller.signal.aborted) return;
    // Offline or an odd reply: "Apply" falls back to the plain form post, which always works.
    if (isApply) {
      const intent = document.createElement("input");
      intent.type = "hidden";
      intent.name = "intent";
      intent.value = "quote";
      form.append(intent);
      form.submit();
    } else if (status) status.textContent = "";
  }
}

const checkoutForm = document.querySelector<HTMLFormElement>("form[data-checkout-form]");
if (checkoutForm) {
  let isPlacing = false;
  fitPayments(checkoutForm);
  showAddressFields(checkoutForm);
  checkoutForm.addEventListener("change", (event) => {
    const name = (event.target as HTMLInputElement | null)?.name;
    if (name === "fulfilment") {
      fitPayments(checkoutForm);
      showAddressFields(checkoutForm);
    }
    if (name === "fulfilment" || name === "country") void refresh(checkoutForm, false);
  });
  checkoutForm.addEventListener("submit", (event) => {
    // "Apply", and Enter in a text field (the form's first button), only work the totals out.
    if ((event.submitter as HTMLButtonElement | null)?.value === "quote") {
      event.preventDefault();
      void refresh(checkoutForm, true);
      return;
    }
    if (isPlacing) event.preventDefault();
    isPlacing = true;
  });
  // Back from the next page (or from Stripe), the form may be sent again.
  window.addEventListener("pageshow", () => {
    isPlacing = false;
  });
}
