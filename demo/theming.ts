/** Fills each theme's snippet with the exact stylesheet the gallery applies, and wires the Copy buttons. */
import auto from "./themes/auto.css?raw";
import dark from "./themes/dark.css?raw";
import light from "./themes/light.css?raw";
import ocean from "./themes/ocean.css?raw";
import terminal from "./themes/terminal.css?raw";

const THEMES: Record<string, { css: string; attribute: string }> = {
  light: { css: light, attribute: 'theme="light"' },
  dark: { css: dark, attribute: 'theme="dark"' },
  auto: { css: auto, attribute: 'theme="auto"' },
  ocean: { css: ocean, attribute: "" },
  terminal: { css: terminal, attribute: "" },
};

function snippet({ css, attribute }: { css: string; attribute: string }): string {
  const markup = attribute ? `<!-- on each element: ${attribute} -->\n\n` : "";
  return `${markup}${css.trim()}\n`;
}

for (const code of document.querySelectorAll<HTMLElement>("[data-theme-css]")) {
  const theme = THEMES[code.dataset.themeCss ?? ""];
  if (theme) code.textContent = snippet(theme);
}

document.addEventListener("click", async (event) => {
  const button = (event.target as Element).closest<HTMLButtonElement>("button[data-copy]");
  const theme = button && THEMES[button.dataset.copy ?? ""];
  if (!button || !theme) return;
  try {
    await navigator.clipboard.writeText(snippet(theme));
    button.textContent = "Copied";
  } catch {
    button.textContent = "Select and copy";
  }
  setTimeout(() => (button.textContent = "Copy"), 2000);
});
