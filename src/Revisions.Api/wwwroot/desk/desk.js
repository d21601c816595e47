// The compare slider, like WordPress's: two range inputs over the story's versions. Moving one and letting go
// opens that comparison. The radio buttons beside each version do the same without this script.
document.querySelectorAll("[data-compare]").forEach(form => {
  const range = form.querySelector("[data-range]");
  const from = form.querySelector("#from-range");
  const to = form.querySelector("#to-range");
  const said = form.querySelector("[data-range-said]");
  if (!range || !from || !to) return;
  range.hidden = false;
  const show = moved => {
    if (Number(from.value) >= Number(to.value)) {
      if (moved === from) to.value = String(Math.min(Number(from.value) + 1, Number(to.max)));
      else from.value = String(Math.max(Number(to.value) - 1, Number(from.min)));
    }
    from.setAttribute("aria-valuetext", "version " + from.value);
    to.setAttribute("aria-valuetext", "version " + to.value);
    said.textContent = "Version " + from.value + " compared with version " + to.value;
  };
  const open = () => {
    const url = new URL(form.action, location.href);
    for (const [name, value] of new FormData(form)) if (name !== "from" && name !== "to") url.searchParams.append(name, value);
    url.searchParams.set("from", from.value);
    url.searchParams.set("to", to.value);
    location.assign(url.toString() + "#comparison");
  };
  [from, to].forEach(input => {
    input.addEventListener("input", () => show(input));
    input.addEventListener("change", open);
  });
});
