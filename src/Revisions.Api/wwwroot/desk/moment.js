// A moment picked in the browser's own time: datetime-local carries no zone, so this fills in the zone's name
// and its offset from UTC at the picked moment (summer time included), and the desk turns the two into UTC.
// Without this script the time typed is taken as UTC, as the hint beside the picker says.
document.querySelectorAll("[data-moment]").forEach(picker => {
  const input = picker.querySelector("input[type=datetime-local]");
  const offset = picker.querySelector("input[name=offset]");
  const zone = picker.querySelector("input[name=zone]");
  const said = picker.querySelector("[data-zone-said]");
  if (!input || !offset || !zone || !said) return;
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone || "your time zone";
  const fill = () => {
    const at = input.value ? new Date(input.value) : new Date();
    if (Number.isNaN(at.getTime())) return;
    const minutes = -at.getTimezoneOffset();
    const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, "0");
    const rest = String(Math.abs(minutes) % 60).padStart(2, "0");
    offset.value = String(minutes);
    zone.value = name;
    said.textContent = `Times are in your time zone, ${name} (UTC${minutes < 0 ? "−" : "+"}${hours}:${rest}); the desk stores them in UTC.`;
  };
  input.addEventListener("input", fill);
  picker.closest("form")?.addEventListener("submit", fill);
  fill();
});
