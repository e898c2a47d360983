import type { EnvironmentConfig } from '../../../model';
import { isSet, type StackIndex, type TerraformResource } from '../../terraform-json';

export const LOAD_BALANCER_TYPES = ['aws_lb', 'aws_alb'];
export const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'];

export function isApplicationLoadBalancer(lb: TerraformResource): boolean {
  return (lb.config.load_balancer_type ?? 'application') === 'application';
}

export function listenersOf(stack: StackIndex, lb: TerraformResource): TerraformResource[] {
  return LISTENER_TYPES.flatMap((t) => stack.referrers(t, 'load_balancer_arn', lb));
}

export function loadBalancerOf(stack: StackIndex, listener: TerraformResource): TerraformResource | undefined {
  return stack.resolve(listener.config.load_balancer_arn).find((r) => LOAD_BALANCER_TYPES.includes(r.type));
}

/** ALB listeners default to HTTP. */
export function listenerProtocol(listener: TerraformResource): string {
  return String(listener.config.protocol ?? 'HTTP').toUpperCase();
}

/** HTTPS is expected on a load balancer when a certificate is configured or it already has an HTTPS listener. */
export function expectsHttps(stack: StackIndex, lb: TerraformResource, environment: EnvironmentConfig): boolean {
  if (isSet(environment.nessie.certificateArn)) return true;
  return listenersOf(stack, lb).some((l) => listenerProtocol(l) === 'HTTPS' || isSet(l.config.certificate_arn));
}
