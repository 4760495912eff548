/**
 * Berth's Docker network driver: isolated networks on bridges with their own routing domain (a VRF where
 * the kernel has one, policy routing where it does not), kernel-enforced isolation, egress and ingress, and tags
 * that span the nodes sharing the store.
 */
@Version("1.1.0")
package dev.berth.net.api;

import org.osgi.annotation.versioning.Version;
