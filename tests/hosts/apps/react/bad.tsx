import type {} from "live-post-elements/react";

export const WrongTheme = () => <org-post-list deployment="x" org="acme" theme="purple" />;
export const UnknownProp = () => <post-search deployment="x" org="acme" colour="red" />;
export const WrongDetail = () => <org-post-list onlp-post-select={(event) => event.detail.nope} />;
