package org.scalelab.reports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;

/**
 * The rule that chart classes draw rows and compute nothing: a class named {@code *Charts} (or nested
 * in one) touches a domain class only to read a record's components ({@code point.totalBytes()} on a
 * record with a {@code totalBytes} component) or an enum constant and its no-argument properties
 * ({@code stage.number()}, {@code Kind.values()}). Calling a domain model ({@code MemoryModel.estimate}),
 * a derived method of a record, a constructor or any other member fails. Chart classes outside the
 * app are covered too: any {@code *Charts} class on the classpath.
 */
final class ChartsDrawRows {
    /** The domain modules' packages ({@code common} holds shared units and presets, no model). */
    static final List<String> DOMAIN = List.of("org.scalelab.scaling", "org.scalelab.memory", "org.scalelab.cluster",
            "org.scalelab.kernels", "org.scalelab.planner");

    private ChartsDrawRows() {}

    /** The rule; it fails when no chart class is found (ArchUnit's default for an empty selection). */
    static final ArchRule RULE = classes().that().haveNameMatching(".*Charts(\\$.*)?")
            .should(new ArchCondition<JavaClass>("touch domain classes only through record components and enum constants") {
                @Override
                public void check(JavaClass chart, ConditionEvents events) {
                    for (JavaAccess<?> access : chart.getAccessesFromSelf()) {
                        if (inDomain(access.getTargetOwner()) && !readsRowOrConstant(access)) {
                            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                        }
                    }
                }
            })
            .because("a chart draws the rows a domain method returned and writes exactly those rows beside it"
                    + " (CONTRIBUTING.md, Layout)");

    static boolean inDomain(JavaClass c) {
        String pkg = c.getPackageName();
        return DOMAIN.stream().anyMatch(d -> pkg.equals(d) || pkg.startsWith(d + "."));
    }

    private static boolean readsRowOrConstant(JavaAccess<?> access) {
        JavaClass owner = access.getTargetOwner();
        if (access instanceof JavaFieldAccess) {
            return owner.isEnum() && access.getTarget() instanceof AccessTarget.FieldAccessTarget f
                    && f.resolveMember().map(field -> isEnumConstant(owner, field)).orElse(false);
        }
        if (!(access.getTarget() instanceof AccessTarget.MethodCallTarget
                || access.getTarget() instanceof AccessTarget.MethodReferenceTarget)) {
            return false; // constructors: a chart builds no domain object
        }
        AccessTarget.CodeUnitAccessTarget method = (AccessTarget.CodeUnitAccessTarget) access.getTarget();
        if (!method.getRawParameterTypes().isEmpty()) {
            return false;
        }
        String name = method.getName();
        boolean isStatic = method.resolveMember().map(m -> isStatic(m)).orElse(true);
        if (owner.isEnum()) {
            return !isStatic || name.equals("values");
        }
        return isRecord(owner) && !isStatic && owner.getFields().stream()
                .anyMatch(f -> !f.getModifiers().contains(JavaModifier.STATIC) && f.getName().equals(name));
    }

    private static boolean isEnumConstant(JavaClass owner, JavaField field) {
        return field.getModifiers().contains(JavaModifier.STATIC) && field.getRawType().equals(owner);
    }

    private static boolean isStatic(JavaMember m) {
        return m.getModifiers().contains(JavaModifier.STATIC);
    }

    private static boolean isRecord(JavaClass c) {
        return c.getRawSuperclass().map(s -> s.getName().equals("java.lang.Record")).orElse(false);
    }
}
