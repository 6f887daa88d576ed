import type { Messages } from "./en.js";

export const messages: Messages = {
  retry: "Reintentar",
  loading: "Cargando…",
  errorUnreachable: "No se puede conectar con el servidor. Revisa tu conexión.",
  errorNotFound: "No encontrado.",
  errorForbidden: "No tienes permiso para hacer eso.",
  errorUnauthenticated: "Inicia sesión primero.",
  errorInvalidArgument: "Esa entrada no es válida.",
  errorRateLimited: "Demasiadas solicitudes. Espera un momento.",
  errorConflict: "Choca con un cambio reciente. Inténtalo de nuevo.",
  errorGeneric: "Algo salió mal.",

  postsLabel: "Artículos",
  postsEmpty: "Todavía no hay artículos.",
  postsError: "No se pudieron cargar los artículos.",
  loadMore: "Cargar más",
  loadingMore: "Cargando más artículos…",
  byAuthor: (name) => `por ${name}`,
  commentCount: (count, formatted) => (count === 1 ? "1 comentario" : `${formatted} comentarios`),

  searchLabel: "Buscar artículos",
  searchPlaceholder: "Buscar artículos…",
  searching: "Buscando…",
  searchError: "La búsqueda falló.",
  noResults: (query) => `Ningún artículo coincide con «${query}».`,
  resultCount: (count, formatted) =>
    count === 0 ? "Sin resultados." : count === 1 ? "1 resultado." : `${formatted} resultados.`,
  authorFilterLabel: "Autor",
  allAuthors: "Todos los autores",
};
