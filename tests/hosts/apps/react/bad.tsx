import type {} from "live-post-elements/react";

export const WrongTheme = () => <org-post-list deployment="x" org="acme" theme="purple" />;
export const UnknownProp = () => <post-search deployment="x" org="acme" colour="red" />;
