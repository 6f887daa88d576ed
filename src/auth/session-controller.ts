/**
 * The reader's session in `<post-comments>`: restores a session this browser holds, signs in, signs up
 * and out on the element's client, and follows sign-in and sign-out done by another element on the same
 * client (or an expired session). The sign-in code (session.ts) loads only when it is needed.
 */
import type { ReactiveController } from "lit";
import type { Viewer } from "../internal/api.js";
import type { LiveClient } from "../internal/live-client.js";
import { emit } from "../events/emit.js";
import { UNREACHABLE } from "../internal/errors.js";
import type { AuthFormState } from "../post-comments/auth-form.js";
import { focusIn, report, type WriterContext } from "../post-comments/writer-context.js";
import { hasStoredSession } from "./stored-session.js";

type AuthModule = typeof import("./session.js");
type Provider = import("./session.js").Provider;
type ThreadChoice = import("./session.js").ThreadChoice;

/** The account menu's e-mail settings, while open: unknown values load after it opens. */
export interface EmailSettingsState {
  commentEmails?: boolean;
  thread?: ThreadChoice;
  busy: boolean;
  error?: string;
}

/** Adding a passkey in the account menu. */
export interface PasskeyState {
  busy: boolean;
  notice?: string;
  error?: string;
}

/** The Convex site URL (Better Auth) for a deployment URL: `.convex.cloud` → `.convex.site`, port 3210 → 3211. */
function siteUrlFor(deployment: string): string {
  return deployment.replace(/\.convex\.cloud(?=\/|$)/, ".convex.site").replace(/:3210(?=\/|$)/, ":3211");
}

const AUTH_MESSAGES = {
  invalidCredentials: "authInvalidCredentials",
  emailTaken: "authEmailTaken",
  weakPassword: "authWeakPassword",
  invalidEmail: "authInvalidEmail",
  network: "errorUnreachable",
  originNotTrusted: "authOriginNotTrusted",
  linkFailed: "authLinkFailed",
  providerDown: "authProviderDown",
  accountNotLinked: "authAccountNotLinked",
  passkeyCancelled: "authPasskeyCancelled",
  passkeyTaken: "authPasskeyTaken",
} as const;

export class SessionController implements ReactiveController {
  #viewer: Viewer | null = null;
  #resuming = false;
  #form: AuthFormState | null = null;
  #authModule: Promise<AuthModule> | undefined;
  /** The client the stored session was last restored on. */
  #resumedOn: LiveClient | undefined;
  #lastSignedIn: boolean | undefined;
  #providers: Provider[] = [];
  #settings: EmailSettingsState | null = null;
  #passkey: PasskeyState | null = null;

  constructor(private readonly c: WriterContext) {
    c.host.addController(this);
  }

  /** The signed-in reader, null when signed out. */
  get viewer() {
    return this.#viewer;
  }

  /** A stored session is being restored: the account row waits instead of offering "Sign in". */
  get resuming() {
    return this.#resuming;
  }

  /** The sign-in / create-account form, while it is open. */
  get form() {
    return this.#form;
  }

  hostUpdate() {
    const client = this.c.host.connection.client;
    if (client !== this.#resumedOn) {
      this.#resumedOn = client;
      if (client && hasStoredSession()) void this.#resume(client);
    }
    this.#followIdentity();
  }

  /** The e-mail settings in the account menu, while they are open. */
  get settings() {
    return this.#settings;
  }

  /** Opens (loading the reader's current choices) or closes the e-mail settings. */
  toggleSettings() {
    const client = this.c.host.connection.client;
    if (this.#settings || !client) {
      this.#settings = null;
      focusIn(this.c, "[part~='notifications-button']");
      return;
    }
    const settings: EmailSettingsState = { busy: true };
    this.#settings = settings;
    focusIn(this.c, "#email-settings");
    void this.#loadAuth()
      .then((m) => m.emailSettings(client, this.c.postId()))
      .then(
        (loaded) => this.#settings === settings && (this.#settings = { ...loaded, busy: false }),
        (err) => this.#settings === settings && (this.#settings = { busy: false, error: report(this.c, err) }),
      )
      .finally(() => this.#changed());
  }

  /** Saves one change: e-mails about comments on or off, or this thread's choice. */
  async changeSettings(change: { commentEmails: boolean } | { thread: ThreadChoice }) {
    const client = this.c.host.connection.client;
    const postId = this.c.postId();
    const state = this.#settings;
    if (!state || state.busy || !client) return;
    this.#settings = { ...state, ...change, busy: true, error: undefined };
    this.#changed();
    try {
      const m = await this.#loadAuth();
      if ("commentEmails" in change) await m.setCommentEmails(client, change.commentEmails);
      else if (postId) await m.setThreadChoice(client, postId, change.thread);
      this.#settings = { ...this.#settings, busy: false };
    } catch (err) {
      // The control shows what is saved, not what was asked.
      this.#settings = { ...state, busy: false, error: report(this.c, err) };
    }
    this.#changed();
  }

  /** The sign-in providers the deployment offers (empty until known). */
  get providers() {
    return this.#providers;
  }

  openForm() {
    this.#form = { mode: "signIn", busy: false };
    this.#loadProviders();
    focusIn(this.c, "#auth-email");
  }

  #loadProviders() {
    const client = this.c.host.connection.client;
    if (!client || this.#providers.length) return;
    void this.#loadAuth()
      .then((m) => m.providers(client))
      .then((ids) => {
        this.#providers = ids;
        this.#changed();
      })
      // Without the list the form still offers e-mail.
      .catch(() => undefined);
  }

  /** Leaves for `provider`'s sign-in; back here only if it cannot be reached (the form says so). */
  async signInWith(provider: Provider) {
    const state = this.#form;
    if (!state || state.busy) return;
    this.#form = { ...state, busy: true, error: undefined, notice: undefined };
    this.#changed();
    try {
      await (await this.#loadAuth()).signInWith(this.#siteUrl, provider);
    } catch (err) {
      this.#form = { ...state, busy: false, error: this.#failed(err) };
      this.#changed();
    }
  }

  closeForm() {
    this.#form = null;
    focusIn(this.c, "[part~='sign-in-button']");
  }

  toggleMode() {
    const mode = this.#form?.mode === "signUp" ? "signIn" : "signUp";
    this.#form = { mode, busy: false };
    focusIn(this.c, mode === "signUp" ? "#auth-name" : "#auth-email");
  }

  async submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? "");
    const email = field("email").trim();
    const password = field("password");
    await this.#signInBy((m, client, site, mode) =>
      mode === "signUp"
        ? m.signUp(client, site, { name: field("name").trim(), email, password })
        : m.signIn(client, site, { email, password }),
    );
  }

  /** "Sign in with a passkey": the browser asks for one of this site's passkeys. */
  async signInWithPasskey() {
    await this.#signInBy((m, client, site) => m.signInWithPasskey(client, site));
  }

  async #signInBy(run: (m: AuthModule, client: LiveClient, site: string, mode: AuthFormState["mode"]) => Promise<Viewer>) {
    const state = this.#form;
    const client = this.c.host.connection.client;
    if (!state || state.busy || !client) return;
    this.#form = { ...state, busy: true, error: undefined, notice: undefined };
    this.#resuming = true;
    this.#changed();
    try {
      const viewer = await run(await this.#loadAuth(), client, this.#siteUrl, state.mode);
      this.#viewer = viewer;
      this.#form = null;
      emit(this.c.host, "lp-sign-in", { userId: viewer._id, name: viewer.name });
      focusIn(this.c, "#composer-main");
    } catch (err) {
      this.#form = { ...state, busy: false, error: this.#failed(err) };
    } finally {
      this.#resuming = false;
      this.#changed();
    }
  }

  /** The account menu's "Add a passkey", while busy or once it has an outcome. */
  get passkey() {
    return this.#passkey;
  }

  /** Registers a passkey of this browser or device on the signed-in reader's account. */
  async addPasskey() {
    if (this.#passkey?.busy || !this.#viewer) return;
    this.#passkey = { busy: true };
    this.#changed();
    try {
      await (await this.#loadAuth()).addPasskey(this.#siteUrl);
      this.#passkey = { busy: false, notice: this.c.localize.term("passkeyAdded") };
    } catch (err) {
      this.#passkey = { busy: false, error: this.#failed(err) };
    }
    this.#changed();
  }

  /** "E-mail me a link": the address in the form (and, creating an account, the name) gets a sign-in link. */
  async sendLink(form: HTMLFormElement) {
    const state = this.#form;
    const email = form.querySelector<HTMLInputElement>("#auth-email");
    if (!state || state.busy || !email?.reportValidity()) return;
    const name = form.querySelector<HTMLInputElement>("#auth-name")?.value.trim();
    this.#form = { ...state, busy: true, error: undefined, notice: undefined };
    this.#changed();
    try {
      await (await this.#loadAuth()).sendLink(this.#siteUrl, { email: email.value.trim(), ...(name ? { name } : {}) });
      this.#form = { ...state, busy: false, notice: this.c.localize.term("authLinkSent", email.value.trim()) };
    } catch (err) {
      this.#form = { ...state, busy: false, error: this.#failed(err) };
    }
    this.#changed();
  }

  /** The form's message for a failed sign-in, also told to the page (`lp-error`). */
  #failed(err: unknown): string {
    const reason = (err as { reason?: keyof typeof AUTH_MESSAGES }).reason;
    const message = this.c.localize.term(reason && AUTH_MESSAGES[reason] ? AUTH_MESSAGES[reason] : "authFailed");
    emit(this.c.host, "lp-error", { code: "UNAUTHENTICATED", message: (err as Error).message || message });
    return message;
  }

  async signOut() {
    const client = this.c.host.connection.client;
    if (!client) return;
    await (await this.#loadAuth()).signOut(client, this.#siteUrl);
    this.#viewer = null;
    this.#settings = null;
    this.#passkey = null;
    emit(this.c.host, "lp-sign-out", {});
    focusIn(this.c, "[part~='sign-in-button']");
  }

  get #siteUrl() {
    return this.c.host.authUrl || siteUrlFor(this.c.host.deployment);
  }

  #changed() {
    this.c.host.requestUpdate();
  }

  #followIdentity() {
    const signedIn = this.c.permissions()?.signedIn;
    if (signedIn === this.#lastSignedIn) return;
    const client = this.c.host.connection.client;
    if (signedIn && !this.#viewer && !this.#resuming && client) void this.#resume(client);
    if (signedIn === false && this.#lastSignedIn && this.#viewer) this.#viewer = null;
    this.#lastSignedIn = signedIn;
  }

  /** The sign-in client; a failed download is not kept, so the reader's next try fetches it again (see LazyPart). */
  #loadAuth(): Promise<AuthModule> {
    return (this.#authModule ??= import("./session.js").catch((err: unknown) => {
      this.#authModule = undefined;
      throw Object.assign(new Error(String(err)), { code: UNREACHABLE, reason: "network" });
    }));
  }

  async #resume(client: LiveClient) {
    this.#resuming = true;
    try {
      this.#viewer = await (await this.#loadAuth()).resume(client, this.#siteUrl);
    } catch (err) {
      // A sign-in that came back refused (a provider's answer), or sign-in code the network dropped, shows
      // in the form, where the reader can try again.
      if ((err as { reason?: string }).reason) {
        this.#form = { mode: "signIn", busy: false, error: this.#failed(err) };
        this.#loadProviders();
      }
      else report(this.c, err);
    } finally {
      this.#resuming = false;
      this.#changed();
    }
  }
}
