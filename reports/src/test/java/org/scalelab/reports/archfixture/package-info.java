/** Classes that break and keep the architecture rules, so the rules are shown to fail and pass. */
package org.scalelab.reports.archfixture;
