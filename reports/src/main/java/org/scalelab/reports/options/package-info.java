/**
 * Picocli mixins shared by several commands: each option is declared once, with one default and
 * one help text, and fills the same keys a parameter file does.
 */
package org.scalelab.reports.options;
