/**
 * Invitations: invite an address (the answer is the same for every address), see who was invited and
 * whether they accepted, and revoke an invitation that is still open.
 */
import type { FunctionReturnType } from "convex/server";
import { html, nothing, render } from "lit";
import { ownerApi } from "live-post-elements/client";
import { attempt, type DashboardContext, type Unmount } from "./section.js";

type Invitation = FunctionReturnType<typeof ownerApi.organizations.listInvitations>[number];

function state(invitation: Invitation): string {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  return invitation.expiresAt <= Date.now() ? "expired" : "open";
}

export function mountInvitations(root: HTMLElement, ctx: DashboardContext): Unmount {
  let invitations: Invitation[] | undefined;
  let email = "";
  let role: "admin" | "user" = "user";

  const invite = () =>
    attempt(
      ctx,
      () => ctx.client.mutation(ownerApi.organizations.addMember, { email, role }),
      `If ${email.trim()} can receive e-mail, an invitation is on its way.`,
    );
  const revoke = (invitation: Invitation) =>
    attempt(
      ctx,
      () => ctx.client.mutation(ownerApi.organizations.revokeInvitation, { invitationId: invitation._id }),
      `Revoked the invitation to ${invitation.email}.`,
    );

  function update() {
    render(
      html`<form class="inline-form" @submit=${(e: Event) => (e.preventDefault(), invite())}>
          <label for="invite-email">E-mail</label>
          <input id="invite-email" type="email" required .value=${email} @input=${(e: Event) => (email = (e.target as HTMLInputElement).value)} />
          <label for="invite-role">Role</label>
          <select id="invite-role" @change=${(e: Event) => (role = (e.target as HTMLSelectElement).value as "admin" | "user")}>
            <option value="user" ?selected=${role === "user"}>Member</option>
            <option value="admin" ?selected=${role === "admin"}>Administrator</option>
          </select>
          <button type="submit">Invite</button>
        </form>
        <p>The invited person signs in with that address, confirms it, and opens the link in the e-mail (valid 7 days, once).</p>
        <table class="data">
          <caption class="visually-hidden">Invitations</caption>
          <thead><tr><th>E-mail</th><th>Role</th><th>Sent</th><th>State</th><th></th></tr></thead>
          <tbody>
            ${(invitations ?? []).map(
              (invitation) => html`<tr data-invitation=${invitation.email}>
                <td>${invitation.email}</td>
                <td>${invitation.role === "admin" ? "Administrator" : "Member"}</td>
                <td>${new Date(invitation.createdAt).toLocaleString()}</td>
                <td data-col="state">${state(invitation)}</td>
                <td>${state(invitation) === "open" ? html`<button type="button" class="danger" @click=${() => revoke(invitation)}>Revoke</button>` : nothing}</td>
              </tr>`,
            )}
          </tbody>
        </table>`,
      root,
    );
  }

  update();
  return ctx.client.onUpdate(
    ownerApi.organizations.listInvitations,
    {},
    (list) => {
      invitations = list;
      update();
    },
    (error) => ctx.notify(`Invitations: ${error.message}`, "error"),
  );
}
