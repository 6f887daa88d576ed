// The elements in Vue templates: their props and events, for vue-tsc.
import type {} from "live-post-elements/vue";
