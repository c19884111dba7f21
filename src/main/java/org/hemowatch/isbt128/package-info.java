/**
 * ISBT 128 label decoding: scanner reads and hand-typed donation numbers in, typed structures
 * ({@link org.hemowatch.isbt128.Isbt128Structure}) or a named rejection
 * ({@link org.hemowatch.domain.rule.Rejection}) out. Pure Java: no I/O, no clock, no Vert.x.
 * Entry point: {@link org.hemowatch.isbt128.Isbt128Decoder}.
 */
package org.hemowatch.isbt128;
import org.hemowatch.domain.rule.Rejection;
