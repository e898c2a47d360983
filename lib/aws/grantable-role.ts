/** A role created elsewhere (another stack, another module) that should receive a tier's access. */
export interface GrantableRole {
  readonly roleName: string;
  readonly roleArn: string;
}
