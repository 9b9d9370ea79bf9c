'use strict';
// Select2, which draws the admin's autocompletes, adds text fields of its own that have no
// label: a screen reader announces an unnamed box (axe: `label`, critical). Each gets the
// label of the <select> it stands for, whenever Select2 draws or redraws one.
{
    const labelOf = (select) => {
        const label = select && document.querySelector(`label[for="${select.id}"]`);
        return label ? label.textContent.replace(/:\s*$/, '').trim() : '';
    };

    const name = (element, text) => {
        if (text && element.getAttribute('aria-label') !== text) {
            element.setAttribute('aria-label', text);
        }
    };

    const set = (element, attribute, value) => {
        if (element.getAttribute(attribute) !== value) {
            element.setAttribute(attribute, value);
        }
    };

    // A single choice is named by the text it shows, which is empty until something is
    // chosen (axe: `aria-input-field-name`): named by its label, then by that text.
    const nameSingle = (select, container) => {
        const label = document.querySelector(`label[for="${select.id}"]`);
        const selection = container.querySelector('.select2-selection--single');
        const shown = selection && selection.querySelector('.select2-selection__rendered');
        if (!label || !shown || !shown.id) {
            return;
        }
        label.id = label.id || `${select.id}-label`;
        set(selection, 'aria-labelledby', `${label.id} ${shown.id}`);
        set(shown, 'aria-labelledby', label.id);
    };

    const labelAll = () => {
        for (const select of document.querySelectorAll('select.admin-autocomplete')) {
            const container = select.nextElementSibling;
            if (!container || !container.classList.contains('select2')) {
                continue;
            }
            const text = labelOf(select);
            container.querySelectorAll('.select2-search__field').forEach((f) => name(f, text));
            container.querySelectorAll('.select2-selection--multiple').forEach((s) => name(s, text));
            nameSingle(select, container);
            // The "remove all" cross sits in the list of choices: a list holds list items
            // (axe: `list`).
            container.querySelectorAll('ul > .select2-selection__clear')
                .forEach((cross) => set(cross, 'role', 'listitem'));
        }
        // The search field of an open single-choice dropdown, drawn at the end of the page,
        // names its results list after the select: select2-<select id>-results.
        for (const field of document.querySelectorAll('.select2-dropdown .select2-search__field')) {
            const results = field.getAttribute('aria-controls') || '';
            const id = results.replace(/^select2-/, '').replace(/-results$/, '');
            name(field, labelOf(document.getElementById(id)));
        }
    };

    const observer = new MutationObserver(labelAll);
    const start = () => {
        labelAll();
        observer.observe(document.body, {childList: true, subtree: true});
    };
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}
