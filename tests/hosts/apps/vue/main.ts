import "live-post-elements/org-post-list";
import "live-post-elements/post-search";
import { createApp } from "vue";
import App from "./App.vue";

createApp(App).mount("#app");
