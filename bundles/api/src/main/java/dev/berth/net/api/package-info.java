/**
 * Berth's Docker network driver: isolated networks on bridges with their own routing domain (a VRF where
 * the kernel has one, policy routing where it does not), kernel-enforced isolation, egress and ingress.
 */
@Version("1.0.0")
package dev.berth.net.api;

import org.osgi.annotation.versioning.Version;
