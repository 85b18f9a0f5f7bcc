import type { RedactionKind } from './kinds';

/**
 * Hand-written test lines for redaction: what people say in a call, in English, German, French and Spanish,
 * with every piece of personal data marked by kind and exact text. Written by hand, never generated from the
 * detectors. Used by corpus.test.ts (recall on the promised kinds) and `npm run bench:privacy` (all figures).
 *
 * Conventions: a name is the name without its title ("Herr Schmidt" → "Schmidt"); an address is the house
 * number and street, without postcode or city; a postcode is the code alone; a spoken value runs from its first
 * word to its last. All numbers are made up or published test values (test cards, the IBAN examples of banks).
 */

export type CorpusLanguage = 'en' | 'de' | 'fr' | 'es';

export interface ExpectedSpan {
  kind: RedactionKind;
  /** Exact text in the line; a text that occurs twice is marked twice, in order. */
  text: string;
}

export interface CorpusLine {
  lang: CorpusLanguage;
  text: string;
  spans: ExpectedSpan[];
}

/** The glossary the corpus is redacted with (a user's product and project names). */
export const CORPUS_GLOSSARY: readonly string[] = ['Nightjar', 'Sotto AG', 'Projekt Falke', 'Opération Colibri', 'Proyecto Cóndor'];

const line = (lang: CorpusLanguage, text: string, ...spans: [RedactionKind, string][]): CorpusLine => ({
  lang,
  text,
  spans: spans.map(([kind, t]) => ({ kind, text: t })),
});

export const PII_LINES: readonly CorpusLine[] = [
  // English
  line('en', 'Pay DE89 3704 0044 0532 0130 00 today.', ['iban', 'DE89 3704 0044 0532 0130 00']),
  line('en', 'You can reach me at john dot smith at gmail dot com.', ['email', 'john dot smith at gmail dot com']),
  line('en', 'My number is five five five one two three four.', ['phone', 'five five five one two three four']),
  line('en', 'The card number is 4111 1111 1111 1112, expiry 08/27, CVV 123.', ['card', '4111 1111 1111 1112'], ['expiry', '08/27'], ['cvv', '123']),
  line('en', 'Send the invoice to billing@acme-corp.com by Friday.', ['email', 'billing@acme-corp.com']),
  line('en', 'Call me back on +1 415 555 2671 after lunch.', ['phone', '+1 415 555 2671']),
  line('en', 'The office line is (555) 123-4567, ask for Sarah Connor.', ['phone', '(555) 123-4567'], ['name', 'Sarah Connor']),
  line('en', 'Reset your password at https://accounts.example.com/reset?token=8f3k2 before noon.', ['url', 'https://accounts.example.com/reset?token=8f3k2']),
  line('en', 'Our Nightjar demo runs on the server at 192.168.10.24.', ['glossary', 'Nightjar'], ['ip', '192.168.10.24']),
  line('en', 'The new gateway is 2001:db8:85a3::8a2e:370:7334, not the old one.', ['ip', '2001:db8:85a3::8a2e:370:7334']),
  line('en', 'I live at 221B Baker Street, London NW1 6XE.', ['address', '221B Baker Street'], ['postcode', 'NW1 6XE']),
  line('en', 'Ship it to 1600 Pennsylvania Avenue, Washington, DC 20500.', ['address', '1600 Pennsylvania Avenue'], ['postcode', '20500']),
  line('en', 'My name is Emily Watson and I was born on March 14, 1985.', ['name', 'Emily Watson'], ['dob', 'March 14, 1985']),
  line('en', 'Date of birth: 03/14/1985, passport number 533380006.', ['dob', '03/14/1985'], ['id', '533380006']),
  line('en', 'Please ask Michael Brown to sign the contract for Sotto AG.', ['name', 'Michael Brown'], ['glossary', 'Sotto AG']),
  line('en', 'My social security number is 123-45-6789.', ['id', '123-45-6789']),
  line('en', 'Use the Amex 3400 000000 00009, valid thru 11/26, security code 4321.', ['card', '3400 000000 00009'], ['expiry', '11/26'], ['cvv', '4321']),
  line('en', 'The UK office number is 020 7946 0958 and the postcode is SW1A 2AA.', ['phone', '020 7946 0958'], ['postcode', 'SW1A 2AA']),
  line('en', 'Transfer it to GB82 WEST 1234 5698 7654 32 and send me the receipt.', ['iban', 'GB82 WEST 1234 5698 7654 32']),
  line('en', 'Her national insurance number is QQ 12 34 56 C.', ['id', 'QQ 12 34 56 C']),
  line('en', 'Dr. Rachel Green moved to 42 Elm Street in Springfield.', ['name', 'Rachel Green'], ['address', '42 Elm Street']),
  line('en', 'Text me at oh seven seven zero zero nine double zero one two three.', ['phone', 'oh seven seven zero zero nine double zero one two three']),
  line('en', 'Write to mark underscore lee at outlook dot com or call 555-0134.', ['email', 'mark underscore lee at outlook dot com'], ['phone', '555-0134']),
  line('en', 'The card four one one one one one one one one one one one one one one one was declined.', ['card', 'four one one one one one one one one one one one one one one one']),
  line('en', 'Details are on www.example.org/team/jane-doe and in the Nightjar wiki.', ['url', 'www.example.org/team/jane-doe'], ['glossary', 'Nightjar']),
  line('en', 'Mr. Thompson was born on 2 July 1979, his card is 5500 0000 0000 0004.', ['name', 'Thompson'], ['dob', '2 July 1979'], ['card', '5500 0000 0000 0004']),

  line('en', 'Can you send it to Priya Raman before the call?', ['name', 'Priya Raman']),
  line('en', 'Her birthday is 22/06/1991.', ['dob', '22/06/1991']),
  line('en', 'The zip code is 94105.', ['postcode', '94105']),
  line('en', 'My IP is 10.20.30.40 and my email is sam.oneil@example.co.uk.', ['ip', '10.20.30.40'], ['email', 'sam.oneil@example.co.uk']),

  // German
  line('de', 'Überweisen Sie bitte auf DE89 3704 0044 0532 0130 00 bis Freitag.', ['iban', 'DE89 3704 0044 0532 0130 00']),
  line('de', 'Meine Mail ist anna punkt berg at gmx punkt de.', ['email', 'anna punkt berg at gmx punkt de']),
  line('de', 'Sie erreichen mich unter 0151 23456789.', ['phone', '0151 23456789']),
  line('de', 'Rufen Sie Herrn Schmidt unter +49 30 1234567 an.', ['name', 'Schmidt'], ['phone', '+49 30 1234567']),
  line('de', 'Die Nummer ist null eins fünf eins, zwei drei vier fünf sechs sieben acht.', ['phone', 'null eins fünf eins, zwei drei vier fünf sechs sieben acht']),
  line('de', 'Schick die Unterlagen an lukas.weber@firma.de, bitte.', ['email', 'lukas.weber@firma.de']),
  line('de', 'Die Karte 5500 0000 0000 0005 ist gültig bis 09/28, die Prüfnummer ist 456.', ['card', '5500 0000 0000 0005'], ['expiry', '09/28'], ['cvv', '456']),
  line('de', 'Ich wohne in der Hauptstraße 5, 10115 Berlin.', ['address', 'Hauptstraße 5'], ['postcode', '10115']),
  line('de', 'Das Paket geht an Goethestraße 12a, 80336 München.', ['address', 'Goethestraße 12a'], ['postcode', '80336']),
  line('de', 'Mein Name ist Jürgen Klinsmann und ich bin am 14. März 1985 geboren.', ['name', 'Jürgen Klinsmann'], ['dob', '14. März 1985']),
  line('de', 'Geburtsdatum 07.11.1990, Personalausweis L01X00T47.', ['dob', '07.11.1990'], ['id', 'L01X00T47']),
  line('de', 'Das Projekt Falke startet nächste Woche mit der Sotto AG.', ['glossary', 'Projekt Falke'], ['glossary', 'Sotto AG']),
  line('de', 'Die Anmeldung läuft über https://portal.beispiel.de/anmeldung?id=4471.', ['url', 'https://portal.beispiel.de/anmeldung?id=4471']),
  line('de', 'Frau Keller hat die Adresse 10.0.0.15 für den Drucker vergeben.', ['name', 'Keller'], ['ip', '10.0.0.15']),
  line('de', 'Bitte an Berliner Straße 27, 60311 Frankfurt schicken.', ['address', 'Berliner Straße 27'], ['postcode', '60311']),
  line('de', 'Meine Reisepassnummer ist C4J2K7N91.', ['id', 'C4J2K7N91']),
  line('de', 'Anna Müller und Thomas Becker kommen um 10 Uhr.', ['name', 'Anna Müller'], ['name', 'Thomas Becker']),
  line('de', 'Die Kreditkarte 4012 8888 8888 1881 läuft im Dezember ab.', ['card', '4012 8888 8888 1881']),
  line('de', 'Ruf mich unter 030 98765432 an, oder schreib an info@praxis-wagner.de.', ['phone', '030 98765432'], ['email', 'info@praxis-wagner.de']),
  line('de', 'Das Konto ist AT61 1904 3002 3457 3201, Inhaberin ist Sabine Wolf.', ['iban', 'AT61 1904 3002 3457 3201'], ['name', 'Sabine Wolf']),
  line('de', 'Die IPv6-Adresse lautet fe80::1ff:fe23:4567:890a.', ['ip', 'fe80::1ff:fe23:4567:890a']),
  line('de', 'Für Projekt Falke rufen Sie bitte 0049 89 123456 an.', ['glossary', 'Projekt Falke'], ['phone', '0049 89 123456']),
  line('de', 'Herr Dr. Fischer ist am 3. Mai 1962 geboren.', ['name', 'Fischer'], ['dob', '3. Mai 1962']),
  line('de', 'Die Karte vier eins eins eins, eins eins eins eins, eins eins eins eins, eins eins eins eins wurde gesperrt.', [
    'card',
    'vier eins eins eins, eins eins eins eins, eins eins eins eins, eins eins eins eins',
  ]),

  line('de', 'Die IBAN lautet DE75 5121 0800 1245 1261 99, Kontoinhaber Jonas Richter.', ['iban', 'DE75 5121 0800 1245 1261 99'], ['name', 'Jonas Richter']),
  line('de', 'Meine Telefonnummer: 089 / 123 456 78.', ['phone', '089 / 123 456 78']),

  // French
  line('fr', 'Virez le montant sur FR76 3000 6000 0112 3456 7890 189 avant lundi.', ['iban', 'FR76 3000 6000 0112 3456 7890 189']),
  line('fr', 'Mon adresse est jean point dupont arobase orange point fr.', ['email', 'jean point dupont arobase orange point fr']),
  line('fr', 'Mon numéro est le zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit.', ['phone', 'zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit']),
  line('fr', 'Appelez-moi au 06 12 34 56 78 demain matin.', ['phone', '06 12 34 56 78']),
  line('fr', "Envoyez le dossier à claire.martin@laposte.net s'il vous plaît.", ['email', 'claire.martin@laposte.net']),
  line('fr', 'Madame Lefèvre habite au 12 rue de la Paix, 75002 Paris.', ['name', 'Lefèvre'], ['address', '12 rue de la Paix'], ['postcode', '75002']),
  line('fr', 'Le bureau est au 5 avenue Victor Hugo, 69002 Lyon.', ['address', '5 avenue Victor Hugo'], ['postcode', '69002']),
  line('fr', "Je m'appelle Pierre Dubois et je suis né le 2 avril 1978.", ['name', 'Pierre Dubois'], ['dob', '2 avril 1978']),
  line('fr', 'Ma carte 4111 1111 1111 1111 expire le 03/26, cryptogramme 789.', ['card', '4111 1111 1111 1111'], ['expiry', '03/26'], ['cvv', '789']),
  line('fr', "Le standard répond au +33 1 23 45 67 89 jusqu'à 18 heures.", ['phone', '+33 1 23 45 67 89']),
  line('fr', "L'Opération Colibri commence demain avec Sophie Martin.", ['glossary', 'Opération Colibri'], ['name', 'Sophie Martin']),
  line('fr', 'Le formulaire est sur https://www.exemple.fr/inscription?ref=77.', ['url', 'https://www.exemple.fr/inscription?ref=77']),
  line('fr', 'Mon numéro de passeport est 12AB34567.', ['id', '12AB34567']),
  line('fr', 'Date de naissance : 21/09/1988.', ['dob', '21/09/1988']),
  line('fr', "Le serveur de test a l'adresse 172.16.0.5 sur le réseau interne.", ['ip', '172.16.0.5']),
  line('fr', 'Le compte est FR14 2004 1010 0505 0001 3M02 606 au nom de Luc Bernard.', ['iban', 'FR14 2004 1010 0505 0001 3M02 606'], ['name', 'Luc Bernard']),
  line('fr', 'Écrivez à support@exemple.fr ou appelez le 01 23 45 67 89.', ['email', 'support@exemple.fr'], ['phone', '01 23 45 67 89']),
  line('fr', 'Monsieur Girard est né le 30 juin 1955 à Marseille.', ['name', 'Girard'], ['dob', '30 juin 1955']),
  line('fr', 'La carte 5500 0000 0000 0004 a été refusée hier.', ['card', '5500 0000 0000 0004']),
  line('fr', 'Le colis part du 8 boulevard Saint-Michel, 75005 Paris.', ['address', '8 boulevard Saint-Michel'], ['postcode', '75005']),
  line('fr', 'Mon numéro est zéro six un deux trois quatre cinq six sept huit.', ['phone', 'zéro six un deux trois quatre cinq six sept huit']),
  line('fr', 'Le lien du Nightjar est www.nightjar-demo.fr/equipe.', ['glossary', 'Nightjar'], ['url', 'www.nightjar-demo.fr/equipe']),
  line('fr', "Le numéro de carte d'identité est X4RTBPFW4.", ['id', 'X4RTBPFW4']),
  line('fr', 'Numéro de sécurité sociale 1 85 05 78 006 084 36.', ['id', '1 85 05 78 006 084 36']),

  line('fr', 'Contactez Maître Rousseau au 04 91 23 45 67.', ['name', 'Rousseau'], ['phone', '04 91 23 45 67']),
  line('fr', 'Je suis née le 12/02/1983 à Nantes.', ['dob', '12/02/1983']),

  // Spanish
  line('es', 'Transfiere el dinero a ES91 2100 0418 4502 0005 1332 hoy mismo.', ['iban', 'ES91 2100 0418 4502 0005 1332']),
  line('es', 'Mi correo es carlos punto ruiz arroba gmail punto com.', ['email', 'carlos punto ruiz arroba gmail punto com']),
  line('es', 'Mi número es seis uno dos, treinta y cuatro, cincuenta y seis, setenta y ocho.', ['phone', 'seis uno dos, treinta y cuatro, cincuenta y seis, setenta y ocho']),
  line('es', 'Llámame al 612 345 678 cuando llegues.', ['phone', '612 345 678']),
  line('es', 'Escribe a lucia.fernandez@empresa.es antes del viernes.', ['email', 'lucia.fernandez@empresa.es']),
  line('es', 'Vivo en la Calle de Alcalá, 42, 28014 Madrid.', ['address', 'Calle de Alcalá, 42'], ['postcode', '28014']),
  line('es', 'La oficina está en Avenida de la Constitución 12, 41001 Sevilla.', ['address', 'Avenida de la Constitución 12'], ['postcode', '41001']),
  line('es', 'Me llamo Lucía Fernández y nací el 14 de marzo de 1985.', ['name', 'Lucía Fernández'], ['dob', '14 de marzo de 1985']),
  line('es', 'Mi DNI es 12345678Z y mi pasaporte PAA123456.', ['id', '12345678Z'], ['id', 'PAA123456']),
  line('es', 'La tarjeta 4111 1111 1111 1112 caduca el 10/27 y el código de seguridad es 321.', ['card', '4111 1111 1111 1112'], ['expiry', '10/27'], ['cvv', '321']),
  line('es', 'Llama al +34 91 123 45 67 y pregunta por el señor García.', ['phone', '+34 91 123 45 67'], ['name', 'García']),
  line('es', 'El Proyecto Cóndor empieza en enero con José Luis Rodríguez.', ['glossary', 'Proyecto Cóndor'], ['name', 'José Luis Rodríguez']),
  line('es', 'La información está en https://www.ejemplo.es/registro?id=55.', ['url', 'https://www.ejemplo.es/registro?id=55']),
  line('es', 'Fecha de nacimiento: 05/12/1992.', ['dob', '05/12/1992']),
  line('es', 'La impresora tiene la dirección 192.168.0.77.', ['ip', '192.168.0.77']),
  line('es', 'Mi NIE es X1234567L.', ['id', 'X1234567L']),
  line('es', 'Mándalo a la Calle Mayor 5, 28013 Madrid, a nombre de Carmen López.', ['address', 'Calle Mayor 5'], ['postcode', '28013'], ['name', 'Carmen López']),
  line('es', 'El número de la tarjeta es 6011 1111 1111 1117.', ['card', '6011 1111 1111 1117']),
  line('es', 'Puedes llamar al 91 123 45 67 o escribir a info@clinica-sol.es.', ['phone', '91 123 45 67'], ['email', 'info@clinica-sol.es']),
  line('es', 'La doctora Ana Torres nació el 9 de agosto de 1970.', ['name', 'Ana Torres'], ['dob', '9 de agosto de 1970']),
  line('es', 'Mi número es seis cero cero, uno dos tres, cuatro cinco seis.', ['phone', 'seis cero cero, uno dos tres, cuatro cinco seis']),
  line('es', 'La cuenta ES79 2100 0813 6101 2345 6789 es de la Sotto AG.', ['iban', 'ES79 2100 0813 6101 2345 6789'], ['glossary', 'Sotto AG']),
  line('es', 'El servidor nuevo es 2001:db8::1 y el antiguo 10.1.1.1.', ['ip', '2001:db8::1'], ['ip', '10.1.1.1']),
  line('es', 'La tarjeta cinco cinco cero cero, cero cero cero cero, cero cero cero cero, cero cero cero cuatro fue rechazada.', [
    'card',
    'cinco cinco cero cero, cero cero cero cero, cero cero cero cero, cero cero cero cuatro',
  ]),
  line('es', 'Mi dirección es Paseo de Gracia 21, 08007 Barcelona.', ['address', 'Paseo de Gracia 21'], ['postcode', '08007']),
  line('es', 'Soy Marta Gil, mi teléfono es 655 44 33 22.', ['name', 'Marta Gil'], ['phone', '655 44 33 22']),
];

/** Ordinary lines: numbers, times, prices, years, rooms, places, companies. Nothing here may be redacted. */
export const CLEAN_LINES: readonly { lang: CorpusLanguage; text: string }[] = [
  { lang: 'en', text: 'I bought 3 apples and 2 pears at the market.' },
  { lang: 'en', text: 'The meeting starts at 5 pm in room 4.' },
  { lang: 'en', text: 'We grew by 12 percent in 2023 compared to 2022.' },
  { lang: 'en', text: 'The ticket costs $49.99, or 45 euros at the door.' },
  { lang: 'en', text: "Let's meet at 10:30 on Tuesday, it should take 45 minutes." },
  { lang: 'en', text: 'The train leaves from platform 9 at 7.15 tomorrow morning.' },
  { lang: 'en', text: 'Our partners at Microsoft and Siemens sent the new contracts.' },
  { lang: 'en', text: 'We need 1,500 chairs and 250 tables for the conference.' },
  { lang: 'en', text: 'The deadline for the report is March 3, 2026.' },
  { lang: 'en', text: 'May I ask a question about the June budget?' },
  { lang: 'de', text: 'Ich habe 3 Äpfel für 2,50 Euro gekauft.' },
  { lang: 'de', text: 'Die Besprechung beginnt um 14 Uhr in Raum 204.' },
  { lang: 'de', text: 'Im Jahr 2024 hatten wir 20000 Besucher in Berlin.' },
  { lang: 'de', text: 'Der Zug nach Hamburg fährt um 8.45 Uhr von Gleis 12.' },
  { lang: 'de', text: 'Wir brauchen bis Freitag 150 Kopien des Berichts.' },
  { lang: 'de', text: 'Die Mauer fiel am 9. November 1989, das war ein großer Tag.' },
  { lang: 'de', text: 'Bitte installiere Version 2.4.1 auf allen 30 Rechnern.' },
  { lang: 'de', text: 'Das Meeting dauert ungefähr 90 Minuten mit einer Pause.' },
  { lang: 'de', text: 'Unser Umsatz lag 2023 bei 1.250.000 Euro.' },
  { lang: 'de', text: 'Kapitel 3 erklärt die neuen Regeln für das Team.' },
  { lang: 'fr', text: "J'ai acheté 3 pommes pour 2 euros au marché." },
  { lang: 'fr', text: 'La réunion commence à 9 heures dans la salle 12.' },
  { lang: 'fr', text: 'Le train de 18h30 part du quai 5.' },
  { lang: 'fr', text: 'Nous avons vendu 1 250 000 exemplaires en 2022.' },
  { lang: 'fr', text: 'Le prix est de 19,99 euros par mois.' },
  { lang: 'fr', text: "Il fait 30 degrés à Paris aujourd'hui." },
  { lang: 'fr', text: 'La conférence aura lieu du 4 au 6 juin 2026.' },
  { lang: 'fr', text: 'Le chapitre 7 parle de la Révolution de 1789.' },
  { lang: 'fr', text: 'On se retrouve à midi devant la gare.' },
  { lang: 'fr', text: 'Nous avons besoin de 40 chaises et 8 tables.' },
  { lang: 'es', text: 'Compré 3 manzanas y 2 peras en el mercado.' },
  { lang: 'es', text: 'La reunión empieza a las 10 en la sala 3.' },
  { lang: 'es', text: 'En 2023 crecimos un 15 por ciento.' },
  { lang: 'es', text: 'El billete cuesta 25 euros y el tren sale a las 8:15.' },
  { lang: 'es', text: 'El informe tiene 120 páginas y 14 capítulos.' },
  { lang: 'es', text: 'Nos vemos el lunes a las 5 de la tarde.' },
  { lang: 'es', text: 'Madrid tiene más de 3 millones de habitantes.' },
  { lang: 'es', text: 'La película dura 2 horas y 15 minutos.' },
  { lang: 'es', text: 'El plazo termina el 30 de junio de 2026.' },
  { lang: 'es', text: 'Necesitamos 500 sillas para el evento de mayo.' },
];
