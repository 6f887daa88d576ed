import type { Messages } from "./en.js";

export const messages: Messages = {
  retry: "Erneut versuchen",
  loading: "Wird geladen…",
  errorUnreachable: "Der Server ist nicht erreichbar. Bitte Verbindung prüfen.",
  errorNotFound: "Nicht gefunden.",
  errorForbidden: "Dazu fehlt die Berechtigung.",
  errorUnauthenticated: "Bitte zuerst anmelden.",
  errorInvalidArgument: "Diese Eingabe ist ungültig.",
  errorRateLimited: "Zu viele Anfragen. Bitte kurz warten.",
  errorConflict: "Das kollidiert mit einer neueren Änderung. Bitte erneut versuchen.",
  errorGeneric: "Etwas ist schiefgelaufen.",

  postsLabel: "Beiträge",
  postsEmpty: "Noch keine Beiträge.",
  postsError: "Die Beiträge konnten nicht geladen werden.",
  loadMore: "Mehr laden",
  loadingMore: "Weitere Beiträge werden geladen…",
  byAuthor: (name) => `von ${name}`,
  commentCount: (count, formatted) => (count === 1 ? "1 Kommentar" : `${formatted} Kommentare`),

  searchLabel: "Beiträge durchsuchen",
  searchPlaceholder: "Beiträge durchsuchen…",
  searching: "Suche läuft…",
  searchError: "Die Suche ist fehlgeschlagen.",
  noResults: (query) => `Keine Beiträge zu „${query}“.`,
  resultCount: (count, formatted) =>
    count === 0 ? "Keine Treffer." : count === 1 ? "1 Treffer." : `${formatted} Treffer.`,
  authorFilterLabel: "Autor",
  allAuthors: "Alle Autoren",
};
