import { TerraformElement } from 'cdktf';
import type { Construct } from 'constructs';

/**
 * A Terraform `removed` block (`lifecycle { destroy = false }`, Terraform ≥ 1.7) for the
 * `aws_glue_catalog_table` an earlier version of this library declared for a template at this very
 * construct path, so its logical id is the one that resource had. Removing a resource from the
 * configuration destroys it even with `prevent_destroy` (Terraform, "lifecycle reference"); with this
 * block Terraform forgets the table instead, and the table-provisioning function adopts it
 * (docs/aws-glue.md, "Upgrading"). Where the state holds no such resource the block does nothing.
 */
export class EarlierGlueTable extends TerraformElement {
  constructor(scope: Construct, id: string) {
    super(scope, id, 'aws_glue_catalog_table');
  }

  override toTerraform(): Record<string, unknown> {
    return { removed: [{ from: `aws_glue_catalog_table.${this.friendlyUniqueId}`, lifecycle: { destroy: false } }] };
  }
}
