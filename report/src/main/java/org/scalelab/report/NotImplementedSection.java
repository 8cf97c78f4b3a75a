package org.scalelab.report;

import org.scalelab.common.InvalidParameterException;

/** A {@code kind:} that is known but whose domain has not landed yet: rejected, never faked. */
public record NotImplementedSection(String kind) implements Section<Object> {
    @Override
    public Class<Object> parameterType() {
        return Object.class;
    }

    @Override
    public SectionReport run(Object parameters, ReportContext context) {
        throw new InvalidParameterException("kind", "'" + kind + "' is not implemented yet", kind);
    }
}
