import { assertNever } from '../assert-never.ts';
import type { ArrayPlan, FieldPlan, Plan } from './plan.ts';
import type { XmlElement } from './reader.ts';

/**
 * Where an array's items sit in a document: elements named `item`, repeated directly under the parent, or
 * inside one `wrapper` element. The schema documents one layout per array; a server that writes another
 * (items renamed, a wrapper added or dropped) changed the shape of the document, which the decoder reports.
 */
export interface Layout {
  wrapper?: string;
  item: string;
}

export function documentedLayout(field: FieldPlan, array: ArrayPlan): Layout {
  return array.wrapped ? { wrapper: field.name, item: array.itemName ?? field.name } : { item: field.name };
}

export function describeLayout(layout: Layout): string {
  return layout.wrapper === undefined
    ? `<${layout.item}> repeated once per item, no wrapper`
    : `<${layout.wrapper}> wrapping <${layout.item}> items`;
}

const COLLECTION_SUFFIX = /(?:list|items|array|set|collection|wrapper)$/;

/** A name as renames usually keep it: case and separators ignored, a `List`/`Items`… suffix and a plural dropped. */
function stem(name: string): string {
  let word = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const bare = word.replace(COLLECTION_SUFFIX, '');
  word = bare.length >= 2 ? bare : word;
  if (word.endsWith('ies')) {
    return `${word.slice(0, -3)}y`;
  }
  return word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** `quota`, `quotasList`, `QuotaItems` all name what `quotas` names. */
export function namesTheSame(name: string, layout: Layout): boolean {
  const own = stem(name);
  return own === stem(layout.item) || (layout.wrapper !== undefined && own === stem(layout.wrapper));
}

/** The plan an element's content is read with, through lazy and nullable. */
export function resolved(plan: Plan): Plan {
  let at = plan;
  for (let hops = 0; hops < 32 && (at.kind === 'lazy' || at.kind === 'nullable'); hops++) {
    at = at.kind === 'lazy' ? at.resolve() : at.inner;
  }
  return at;
}

function hasText(element: XmlElement): boolean {
  return element.children.some((child) => child.kind === 'text' && child.text.trim() !== '');
}

function hasElements(element: XmlElement): boolean {
  return element.children.some((child) => child.kind === 'element');
}

/** Whether an element could hold a value of the plan at all: text for scalars, elements for structures. */
export function shapedLike(plan: Plan, element: XmlElement): boolean {
  const at = resolved(plan);
  switch (at.kind) {
    case 'object':
    case 'record':
    case 'array':
      return !hasText(element);
    case 'union':
      return at.members.some((member) => shapedLike(member.plan, element));
    case 'unknown':
    case 'lazy':
    case 'nullable':
      return true;
    case 'string':
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'null':
    case 'enum':
    case 'literal':
      return !hasElements(element);
  }
  return assertNever(at);
}

/**
 * Whether an element of this name inside an item is part of the item, so the element around it is the item
 * and not a wrapper of items. Maps, unions and nested arrays take elements of any name: always yes.
 */
export function partOfItem(item: Plan, name: string): boolean {
  const at = resolved(item);
  switch (at.kind) {
    case 'object':
      return at.byElement.has(name);
    case 'string':
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'null':
    case 'enum':
    case 'literal':
      return false;
    case 'unknown':
    case 'record':
    case 'array':
    case 'union':
    case 'nullable':
    case 'lazy':
      return true;
  }
  return assertNever(at);
}

/** The element children of an element when there is at least one, all of one name, with only blanks between. */
export function uniformChildren(element: XmlElement): { name: string; elements: XmlElement[] } | undefined {
  const elements: XmlElement[] = [];
  for (const child of element.children) {
    if (child.kind === 'element') {
      if (elements.length > 0 && child.name !== elements[0]?.name) {
        return undefined;
      }
      elements.push(child);
    } else if (child.text.trim() !== '') {
      return undefined;
    }
  }
  const [first] = elements;
  return first ? { name: first.name, elements } : undefined;
}
