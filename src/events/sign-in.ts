/** `lp-sign-in`: the reader signed in or created an account in `<post-comments>`. */
export interface SignInDetail {
  userId: string;
  name: string;
}
