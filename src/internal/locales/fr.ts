import type { Messages } from "./en.js";

// French uses the singular for 0 and 1.
export const messages: Messages = {
  retry: "Réessayer",
  loading: "Chargement…",
  errorUnreachable: "Impossible de joindre le serveur. Vérifiez votre connexion.",
  errorNotFound: "Introuvable.",
  errorForbidden: "Vous n’avez pas l’autorisation de faire cela.",
  errorUnauthenticated: "Veuillez d’abord vous connecter.",
  errorInvalidArgument: "Cette saisie n’est pas valide.",
  errorRateLimited: "Trop de requêtes. Patientez un instant.",
  errorConflict: "Conflit avec une modification récente. Veuillez réessayer.",
  errorGeneric: "Une erreur s’est produite.",

  postsLabel: "Articles",
  postsEmpty: "Aucun article pour le moment.",
  postsError: "Impossible de charger les articles.",
  loadMore: "Charger plus",
  loadingMore: "Chargement d’autres articles…",
  byAuthor: (name) => `par ${name}`,
  commentCount: (count, formatted) =>
    count <= 1 ? `${formatted} commentaire` : `${formatted} commentaires`,

  searchLabel: "Rechercher des articles",
  searchPlaceholder: "Rechercher des articles…",
  searching: "Recherche…",
  searchError: "La recherche a échoué.",
  noResults: (query) => `Aucun article ne correspond à « ${query} ».`,
  resultCount: (count, formatted) =>
    count === 0 ? "Aucun résultat." : count === 1 ? "1 résultat." : `${formatted} résultats.`,
  authorFilterLabel: "Auteur",
  allAuthors: "Tous les auteurs",
};
